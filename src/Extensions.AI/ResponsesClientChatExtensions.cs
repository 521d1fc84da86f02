using System;
using Microsoft.Extensions.AI;
using ProtocolCore.Client;

namespace ProtocolCore.Extensions.AI;

/// <summary>Microsoft.Extensions.AI over WebSocket mode: <c>responsesClient.AsIChatClient("model")</c>.</summary>
public static class ResponsesClientChatExtensions
{
    /// <summary>
    /// An <see cref="IChatClient"/> whose conversations run as <see cref="ResponsesSession"/>s of <paramref name="client"/>:
    /// each conversation keeps its socket (or, with a pool, its cached socket) and, after the first turn, sends only the
    /// messages added since, chained with <c>previous_response_id</c>. A message list that does not start with what a
    /// conversation already holds is sent whole, as a new conversation. The chat client does not own
    /// <paramref name="client"/>; disposing it closes the conversations it keeps.
    /// </summary>
    /// <param name="client">The client whose sessions carry the conversations.</param>
    /// <param name="model">The model used when <see cref="ChatOptions.ModelId"/> names none.</param>
    public static IChatClient AsIChatClient(this ResponsesClient client, string model)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentException.ThrowIfNullOrEmpty(model);
        return new ResponsesChatClient(client, model);
    }
}
