using ProtocolCore.Models;

namespace ProtocolCore.Extensions.AI;

/// <summary>
/// One input item made from chat messages, with its key: what the item says, independent of how the messages carried
/// it (one text content or many deltas, with or without the raw item). Equal key lists prove that two message lists
/// hold the same conversation.
/// </summary>
internal readonly record struct ChatItem(InputItem Item, string Key);
