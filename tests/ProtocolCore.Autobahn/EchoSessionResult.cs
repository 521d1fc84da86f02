namespace ProtocolCore.Autobahn;

/// <summary>The end of one echo session: how it ended, the messages echoed, and the error or close text.</summary>
internal readonly record struct EchoSessionResult(EchoSessionEnding Ending, int MessagesEchoed, string Detail);
