using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using ProtocolCore.Client;
using ProtocolCore.Requests;

namespace ProtocolCore.Extensions.AI;

/// <summary>
/// The chat client's conversations. A call takes one out (so two calls never share a session), the one that already
/// holds the start of its message list, or a new one; it comes back after the turn. At most <see cref="Capacity"/>
/// wait between calls: the least recently used beyond that is disposed (its socket closed).
/// </summary>
internal sealed class ChatChainSet
{
    public const int Capacity = 32;

    private readonly ResponsesClient _client;
    private readonly LinkedList<ChatChain> _idle = new();
    private readonly Lock _lock = new();
    private bool _disposed;

    public ChatChainSet(ResponsesClient client) => _client = client;

    /// <summary>The idle conversation whose last response is <paramref name="responseId"/>, or null: every item is new to it.</summary>
    public ChatChain? TakeByResponseId(string responseId)
    {
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            for (LinkedListNode<ChatChain>? node = _idle.First; node is not null; node = node.Next)
            {
                if (string.Equals(node.Value.Session.LastResponseId, responseId, StringComparison.Ordinal))
                {
                    _idle.Remove(node);
                    return node.Value;
                }
            }
        }

        return null;
    }

    /// <summary>
    /// The conversation that holds the longest proper prefix of <paramref name="keys"/> (<paramref name="known"/> items of
    /// it), or a new one (<paramref name="known"/> = 0) when none can be proven to.
    /// </summary>
    public ChatChain Take(List<string> keys, ResponseCreateRequest template, out int known)
    {
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            LinkedListNode<ChatChain>? best = null;
            for (LinkedListNode<ChatChain>? node = _idle.First; node is not null; node = node.Next)
            {
                if (node.Value.IsProperPrefixOf(keys) && (best is null || node.Value.Keys.Count > best.Value.Keys.Count))
                {
                    best = node;
                }
            }

            if (best is not null)
            {
                _idle.Remove(best);
                known = best.Value.Keys.Count;
                return best.Value;
            }
        }

        known = 0;
        return new ChatChain(_client.CreateSession(template));
    }

    /// <summary>Puts <paramref name="chain"/> back as the most recently used; disposes whatever falls beyond the capacity.</summary>
    public async ValueTask ReturnAsync(ChatChain chain)
    {
        List<ChatChain>? evicted = null;
        lock (_lock)
        {
            if (_disposed)
            {
                (evicted ??= []).Add(chain);
            }
            else
            {
                _idle.AddFirst(chain);
                while (_idle.Count > Capacity)
                {
                    (evicted ??= []).Add(_idle.Last!.Value);
                    _idle.RemoveLast();
                }
            }
        }

        if (evicted is not null)
        {
            foreach (ChatChain old in evicted)
            {
                await old.Session.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    /// <summary>Takes every idle conversation out for disposal; conversations in use are disposed when they come back.</summary>
    public List<ChatChain> Close()
    {
        lock (_lock)
        {
            _disposed = true;
            var all = new List<ChatChain>(_idle);
            _idle.Clear();
            return all;
        }
    }
}
