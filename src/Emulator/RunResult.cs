namespace ProtocolCore.Emulator;

/// <summary>The end of one response: its outcome, id, and (when it succeeded) the context after it.</summary>
internal readonly record struct RunResult(RunOutcome Outcome, string ResponseId, ConversationContext? Context);
