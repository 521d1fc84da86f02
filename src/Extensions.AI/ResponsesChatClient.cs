using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;
using ProtocolCore.Client;
using ProtocolCore.Events;
using ProtocolCore.Models;
using ProtocolCore.Requests;

namespace ProtocolCore.Extensions.AI;

/// <summary>
/// <see cref="IChatClient"/> over WebSocket mode. Each conversation is a <see cref="ResponsesSession"/>; a call finds
/// the conversation its messages continue and sends only what is new:
/// <list type="bullet">
/// <item>with <see cref="ChatOptions.ConversationId"/> (a response id this client returned), every message is new;</item>
/// <item>otherwise the messages are the whole history: the conversation whose items they start with gets the rest, and
/// when none can be proven to (the keys of its items differ), they go whole to a new conversation.</item>
/// </list>
/// <see cref="ChatResponse.ConversationId"/> is the response id unless the request says <c>store: false</c>, in which
/// case callers (such as <c>FunctionInvokingChatClient</c>) keep sending the whole history, and it is diffed.
/// </summary>
internal sealed class ResponsesChatClient : IChatClient
{
    private readonly ResponsesClient _client;
    private readonly string _model;
    private readonly ChatClientMetadata _metadata;
    private readonly ChatChainSet _chains;

    public ResponsesChatClient(ResponsesClient client, string model)
    {
        _client = client;
        _model = model;
        _metadata = new ChatClientMetadata("openai", client.BaseUrl, model);
        _chains = new ChatChainSet(client);
    }

    public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        Turn turn = Begin(messages, options);
        try
        {
            string? before = turn.Chain.Session.LastResponseId;
            ResponsesTurnResult result = await turn.Chain.Session.CompleteTurnAsync(turn.NewItems, cancellationToken).ConfigureAwait(false);
            ChatResponse response = ChatOutputMapper.FromTurn(result, turn.ConversationIds);
            Commit(turn, before, response.Messages);
            return response;
        }
        finally
        {
            await _chains.ReturnAsync(turn.Chain).ConfigureAwait(false);
        }
    }

    public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        return StreamAsync(messages, options, cancellationToken);
    }

    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        return serviceKey is not null ? null
            : serviceType == typeof(ChatClientMetadata) ? _metadata
            : serviceType == typeof(ResponsesClient) ? _client
            : serviceType.IsInstanceOfType(this) ? this
            : null;
    }

    /// <summary>
    /// Closes the idle conversations (the rest close when their calls end). The close handshakes finish in the
    /// background: a session's dispose never throws, and <see cref="IDisposable.Dispose"/> must not block on the network.
    /// </summary>
    public void Dispose()
    {
        foreach (ChatChain chain in _chains.Close())
        {
            _ = chain.Session.DisposeAsync().AsTask();
        }
    }

    private async IAsyncEnumerable<ChatResponseUpdate> StreamAsync(IEnumerable<ChatMessage> messages, ChatOptions? options, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        Turn turn = Begin(messages, options);
        try
        {
            string? before = turn.Chain.Session.LastResponseId;
            var mapper = new ChatUpdateMapper(turn.ConversationIds);
            var updates = new List<ChatResponseUpdate>();
            await foreach (ResponsesEvent e in turn.Chain.Session.RunTurnAsync(turn.NewItems, cancellationToken).ConfigureAwait(false))
            {
                ChatResponseUpdate update = mapper.Map(e);
                updates.Add(update);
                yield return update;
            }

            // The keys of the output are those of the messages a caller builds from these updates, the same way.
            Commit(turn, before, updates.ToChatResponse().Messages);
        }
        finally
        {
            await _chains.ReturnAsync(turn.Chain).ConfigureAwait(false);
        }
    }

    private Turn Begin(IEnumerable<ChatMessage> messages, ChatOptions? options)
    {
        List<ChatItem> items = ChatInputMapper.ToItems(messages);
        if (items.Count == 0)
        {
            // The Responses API wants some input; an empty list (or one of reports only) has none.
            throw new ArgumentException("There are no messages to send.", nameof(messages));
        }

        ResponseCreateRequest template = ChatRequestMapper.CreateTemplate(this, _model, options);
        var keys = new List<string>(items.Count);
        foreach (ChatItem item in items)
        {
            keys.Add(item.Key);
        }

        ChatChain chain;
        int known;
        if (options?.ConversationId is { } conversationId)
        {
            chain = _chains.TakeByResponseId(conversationId) ?? throw new ArgumentException(
                "ChatOptions.ConversationId names no conversation of this chat client: it must be the id of a response it returned (whose conversation is not in use by another call).",
                nameof(options));
            known = 0;
            keys.InsertRange(0, chain.Keys);
        }
        else
        {
            chain = _chains.Take(keys, template, out known);
        }

        ChatRequestMapper.CopyTo(template, chain.Session.Template);
        var newItems = new List<InputItem>(items.Count - known);
        for (int i = known; i < items.Count; i++)
        {
            newItems.Add(items[i].Item);
        }

        return new Turn(chain, newItems, keys, template.Store != false);
    }

    /// <summary>Records the turn's keys on the chain, if the session took the turn (a failed one leaves it as it was).</summary>
    private static void Commit(Turn turn, string? before, IList<ChatMessage> output)
    {
        ResponsesSession session = turn.Chain.Session;
        if (session.LastResponseId is null || session.LastResponseId == before)
        {
            return;
        }

        turn.Chain.Keys.Clear();
        turn.Chain.Keys.AddRange(turn.Keys);
        turn.Chain.Keys.AddRange(ChatInputMapper.Keys(output));
    }

    /// <summary>One call: its conversation, the items to send, the keys of the whole history it stands for.</summary>
    private sealed record Turn(ChatChain Chain, List<InputItem> NewItems, List<string> Keys, bool ConversationIds);
}
