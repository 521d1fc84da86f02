using System.Collections.Generic;
using ProtocolCore.Client;

namespace ProtocolCore.Extensions.AI;

/// <summary>
/// One conversation of the chat client: its session (which holds the items and the response id chain) and the keys
/// of every item the session holds, in order, so a later message list can be checked against them.
/// </summary>
internal sealed class ChatChain
{
    public ChatChain(ResponsesSession session) => Session = session;

    public ResponsesSession Session { get; }

    /// <summary>The keys of the session's conversation: what was sent and what came back, as <see cref="ChatItem.Key"/>s.</summary>
    public List<string> Keys { get; } = [];

    /// <summary>True when <see cref="Keys"/> is a proper prefix of <paramref name="keys"/>: only the rest needs sending.</summary>
    public bool IsProperPrefixOf(List<string> keys)
    {
        if (Keys.Count == 0 || Keys.Count >= keys.Count)
        {
            return false;
        }

        for (int i = 0; i < Keys.Count; i++)
        {
            if (!string.Equals(Keys[i], keys[i], System.StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }
}
