using Microsoft.Extensions.AI;
using ProtocolCore.Events;
using ProtocolCore.Models;

namespace ProtocolCore.Extensions.AI;

/// <summary>
/// One streamed turn's events as <see cref="ChatResponseUpdate"/>s, one per event (its
/// <see cref="ChatResponseUpdate.RawRepresentation"/>): text deltas as they arrive, reasoning, function calls and other
/// items when they are done, usage and the finish reason with the terminal event.
/// </summary>
internal sealed class ChatUpdateMapper
{
    private readonly bool _conversationIds;
    private string? _responseId;
    private string? _modelId;
    private System.DateTimeOffset? _createdAt;
    private bool _functionCalls;

    public ChatUpdateMapper(bool conversationIds) => _conversationIds = conversationIds;

    public ChatResponseUpdate Map(ResponsesEvent e)
    {
        var update = new ChatResponseUpdate { Role = ChatRole.Assistant, RawRepresentation = e };
        if (e is IResponseLifecycleEvent { Response: { } response })
        {
            _responseId = response.Id ?? _responseId;
            _modelId = response.Model ?? _modelId;
            _createdAt = ChatOutputMapper.CreatedAt(response) ?? _createdAt;
        }

        switch (e)
        {
            case OutputTextDeltaEvent { Delta: { } delta }:
                update.Contents.Add(new TextContent(delta.ToString()) { RawRepresentation = e });
                break;
            case OutputItemDoneEvent { Item: { } item }:
                _functionCalls |= item is FunctionCall;
                ChatOutputMapper.AddContents(item, includeText: false, update.Contents);
                break;
            case ResponseFailedEvent failed:
                update.Contents.Add(ChatOutputMapper.Error(failed.Response));
                break;
            case ResponseCompletedEvent or ResponseIncompleteEvent or ResponseDoneEvent:
                Response? final = ((IResponseLifecycleEvent)e).Response;
                update.FinishReason = ChatOutputMapper.FinishReason(final, _functionCalls);
                if (ChatOutputMapper.Usage(final?.Usage) is { } usage)
                {
                    update.Contents.Add(new UsageContent(usage) { RawRepresentation = final!.Usage });
                }

                break;
        }

        update.ResponseId = _responseId;
        update.MessageId = _responseId;
        // Only a successful end makes the response something to continue from.
        update.ConversationId = _conversationIds && e is ResponseCompletedEvent or ResponseIncompleteEvent or ResponseDoneEvent ? _responseId : null;
        update.ModelId = _modelId;
        update.CreatedAt = _createdAt;
        return update;
    }
}
