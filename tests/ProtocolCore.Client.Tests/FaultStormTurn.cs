using ProtocolCore.Faults;

namespace ProtocolCore.Client.Tests;

/// <summary>One planned turn of a storm session: the directive its request carries, and the fault it is meant to meet.</summary>
/// <param name="Directive">Sent as the turn's user message (and its id as <c>metadata.request_id</c>).</param>
/// <param name="Fault">
/// The fault this turn meets: its own directive's, or, for an upgrade fault, the one the previous turn's directive
/// armed for the connections this turn opens.
/// </param>
internal sealed record FaultStormTurn(FaultDirective Directive, FaultPoint Fault)
{
    public string Label => FaultDirective.Name(Fault);
}
