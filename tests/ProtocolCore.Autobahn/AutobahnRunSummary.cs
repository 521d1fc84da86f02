namespace ProtocolCore.Autobahn;

/// <summary>
/// The cases that ended on the client's side in a way that is a client bug whatever the server's verdict: aborted by
/// the hang guard, or ended by an exception that is not one of the client's typed errors.
/// </summary>
internal readonly record struct AutobahnRunSummary(int HungCases, int UntypedExceptionCases);
