namespace ProtocolCore.Emulator;

/// <summary>One tool call of the script: the function name and its arguments as JSON text.</summary>
internal sealed record ScriptedCall(string Name, string Arguments);
