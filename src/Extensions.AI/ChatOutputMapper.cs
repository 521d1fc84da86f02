using System;
using System.Collections.Generic;
using System.Text;
using Microsoft.Extensions.AI;
using ProtocolCore.Client;
using ProtocolCore.Events;
using ProtocolCore.Models;

namespace ProtocolCore.Extensions.AI;

/// <summary>What a turn produced, as Microsoft.Extensions.AI content: each content's raw representation is our item.</summary>
internal static class ChatOutputMapper
{
    /// <summary>The turn as one assistant message (its id is the response id) with usage and finish reason.</summary>
    public static ChatResponse FromTurn(ResponsesTurnResult turn, bool conversationIds)
    {
        var message = new ChatMessage(ChatRole.Assistant, (string?)null) { MessageId = turn.ResponseId, RawRepresentation = turn.Response };
        foreach (OutputItem item in turn.Output)
        {
            AddContents(item, includeText: true, message.Contents);
        }

        bool failed = turn.TerminalEvent == ResponseFailedEvent.JsonDiscriminator;
        if (failed)
        {
            message.Contents.Add(Error(turn.Response));
        }

        DateTimeOffset? createdAt = CreatedAt(turn.Response);
        message.CreatedAt = createdAt;
        return new ChatResponse(message)
        {
            ResponseId = turn.ResponseId,
            ConversationId = conversationIds && !failed ? turn.ResponseId : null,
            ModelId = turn.Response?.Model,
            CreatedAt = createdAt,
            FinishReason = failed ? null : FinishReason(turn.Response, turn.FunctionCalls.Count > 0),
            Usage = Usage(turn.Response?.Usage),
            RawRepresentation = turn.Response,
        };
    }

    /// <summary>
    /// The contents of one output item: text parts (unless they were streamed as deltas), refusals, reasoning, function
    /// calls, and any other item as a plain <see cref="AIContent"/> carrying it.
    /// </summary>
    public static void AddContents(OutputItem item, bool includeText, IList<AIContent> contents)
    {
        switch (item)
        {
            case Message { Content.Text: { } plain } when includeText:
                contents.Add(new TextContent(plain) { RawRepresentation = item });
                break;
            case Message message:
                foreach (InputContent part in message.Content?.Parts ?? [])
                {
                    if (part is OutputTextContent text && includeText)
                    {
                        contents.Add(new TextContent(text.Text) { RawRepresentation = part });
                    }
                    else if (part is RefusalContent refusal)
                    {
                        contents.Add(new TextContent(refusal.Refusal) { RawRepresentation = part });
                    }
                }

                break;
            case ReasoningItem reasoning:
                contents.Add(new TextReasoningContent(SummaryText(reasoning)) { ProtectedData = reasoning.EncryptedContent, RawRepresentation = reasoning });
                break;
            case FunctionCall call:
                FunctionCallContent content = FunctionCallContent.CreateFromParsedArguments(
                    call.Arguments is { Length: > 0 } arguments ? arguments : "{}",
                    call.CallId ?? "",
                    call.Name ?? "",
                    FunctionJson.ParseArguments);
                content.RawRepresentation = call;
                contents.Add(content);
                break;
            default:
                contents.Add(new AIContent { RawRepresentation = item });
                break;
        }
    }

    public static ErrorContent Error(Response? response) =>
        new(response?.Error?.Message ?? "The response failed.") { ErrorCode = response?.Error?.Code };

    public static ChatFinishReason? FinishReason(Response? response, bool functionCalls)
    {
        if (response?.IncompleteDetails?.Reason is { } reason)
        {
            return reason.Is(IncompleteReason.MaxOutputTokens) ? ChatFinishReason.Length
                : reason.Is(IncompleteReason.ContentFilter) ? ChatFinishReason.ContentFilter
                : null;
        }

        return functionCalls ? ChatFinishReason.ToolCalls : ChatFinishReason.Stop;
    }

    public static UsageDetails? Usage(ResponseUsage? usage) => usage is null ? null : new UsageDetails
    {
        InputTokenCount = usage.InputTokens,
        OutputTokenCount = usage.OutputTokens,
        TotalTokenCount = usage.TotalTokens,
        CachedInputTokenCount = usage.InputTokensDetails?.CachedTokens,
        ReasoningTokenCount = usage.OutputTokensDetails?.ReasoningTokens,
    };

    public static DateTimeOffset? CreatedAt(Response? response) =>
        response?.CreatedAt is { } seconds ? DateTimeOffset.FromUnixTimeSeconds(seconds) : null;

    private static string SummaryText(ReasoningItem reasoning)
    {
        var text = new StringBuilder();
        foreach (OutputContent part in reasoning.Summary ?? [])
        {
            if (part is SummaryTextContent summary)
            {
                text.Append(summary.Text);
            }
        }

        return text.ToString();
    }
}
