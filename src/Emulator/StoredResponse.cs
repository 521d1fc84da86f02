namespace ProtocolCore.Emulator;

/// <summary>A finished response the server can continue from: its id and the full context after it.</summary>
internal sealed record StoredResponse(string Id, ConversationContext Context);
