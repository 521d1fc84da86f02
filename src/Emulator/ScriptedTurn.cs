namespace ProtocolCore.Emulator;

/// <summary>What the scripted model outputs in one response: a reasoning item, then tool calls or a final message.</summary>
internal sealed record ScriptedTurn(int Index, ScriptedReasoning Reasoning, ScriptedCall[] Calls, string? Message);
