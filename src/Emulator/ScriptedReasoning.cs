namespace ProtocolCore.Emulator;

/// <summary>The reasoning item of a scripted turn: its token count and opaque encrypted content.</summary>
internal sealed record ScriptedReasoning(int Tokens, string EncryptedContent);
