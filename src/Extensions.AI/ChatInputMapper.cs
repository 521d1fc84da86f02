using System;
using System.Collections.Generic;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.AI;
using ProtocolCore.Json;
using ProtocolCore.Models;

namespace ProtocolCore.Extensions.AI;

/// <summary>
/// Chat messages as Responses input items, each with its <see cref="ChatItem.Key"/>. A content whose
/// <see cref="AIContent.RawRepresentation"/> is one of our items (what this adapter returned) is replayed as that
/// very item (every output item is an input item); anything else is built from the content.
/// </summary>
internal static class ChatInputMapper
{
    private static readonly ChatRole s_developer = new("developer");

    /// <exception cref="ArgumentException">A message holds content this adapter cannot send.</exception>
    public static List<ChatItem> ToItems(IEnumerable<ChatMessage> messages)
    {
        var items = new List<ChatItem>();
        foreach (ChatMessage message in messages)
        {
            ArgumentNullException.ThrowIfNull(message, nameof(messages));
            if (message.Role == ChatRole.Assistant)
            {
                AddAssistant(message, items);
            }
            else
            {
                AddNonAssistant(message, items);
            }
        }

        return items;
    }

    /// <summary>The keys of <paramref name="messages"/>, as <see cref="ToItems"/> would give them.</summary>
    public static List<string> Keys(IEnumerable<ChatMessage> messages)
    {
        List<ChatItem> items = ToItems(messages);
        var keys = new List<string>(items.Count);
        foreach (ChatItem item in items)
        {
            keys.Add(item.Key);
        }

        return keys;
    }

    /// <summary>The text of a function result as the model reads it: a string as is, anything else as JSON.</summary>
    public static string ResultText(object? result) => result switch
    {
        null => "",
        string text => text,
        JsonElement { ValueKind: JsonValueKind.String } element => element.GetString()!,
        JsonElement element => element.GetRawText(),
        _ => FunctionJson.Serialize(result),
    };

    private static void AddAssistant(ChatMessage message, List<ChatItem> items)
    {
        // Consecutive text is one assistant message however many contents (deltas) carried it.
        StringBuilder? text = null;
        foreach (AIContent content in message.Contents)
        {
            if (content is TextContent t)
            {
                (text ??= new StringBuilder()).Append(t.Text);
                continue;
            }

            FlushAssistantText(ref text, items);
            switch (content)
            {
                case FunctionCallContent call:
                    items.Add(FunctionCall(call));
                    break;
                case TextReasoningContent reasoning:
                    if (Reasoning(reasoning) is { } item)
                    {
                        items.Add(item);
                    }

                    break;
                case FunctionResultContent result:
                    items.Add(FunctionResult(result));
                    break;
                default:
                    AddOther(content, items);
                    break;
            }
        }

        FlushAssistantText(ref text, items);
    }

    private static void FlushAssistantText(ref StringBuilder? text, List<ChatItem> items)
    {
        if (text is null)
        {
            return;
        }

        string value = text.ToString();
        text = null;
        items.Add(new ChatItem(new Message { Role = MessageRole.Assistant, Content = value }, "text\nassistant\n" + value));
    }

    private static void AddNonAssistant(ChatMessage message, List<ChatItem> items)
    {
        MessageRole role = message.Role == ChatRole.System ? MessageRole.System
            : message.Role == s_developer ? MessageRole.Developer
            : MessageRole.User;

        // A user, system or developer message is one input message whose parts keep their order; function results (the
        // tool role's content) are items of their own.
        List<InputContent>? parts = null;
        var key = new StringBuilder("message\n").Append(role).Append('\n');
        foreach (AIContent content in message.Contents)
        {
            switch (content)
            {
                case TextContent text:
                    (parts ??= []).Add(new InputTextContent { Text = text.Text });
                    key.Append("text:").Append(text.Text).Append('\n');
                    break;
                case DataContent data:
                    (parts ??= []).Add(DataPart(data));
                    key.Append("data:").Append(data.MediaType).Append(':').Append(Convert.ToHexString(SHA256.HashData(data.Data.Span))).Append('\n');
                    break;
                case UriContent uri when uri.HasTopLevelMediaType("image"):
                    (parts ??= []).Add(new InputImageContent { ImageUrl = uri.Uri.AbsoluteUri });
                    key.Append("uri:").Append(uri.Uri.AbsoluteUri).Append('\n');
                    break;
                case UriContent uri:
                    (parts ??= []).Add(new InputFileContent { FileUrl = uri.Uri.AbsoluteUri });
                    key.Append("uri:").Append(uri.Uri.AbsoluteUri).Append('\n');
                    break;
                case FunctionResultContent result:
                    FlushMessage(role, ref parts, key, items);
                    items.Add(FunctionResult(result));
                    break;
                default:
                    FlushMessage(role, ref parts, key, items);
                    AddOther(content, items);
                    break;
            }
        }

        FlushMessage(role, ref parts, key, items);
    }

    private static void FlushMessage(MessageRole role, ref List<InputContent>? parts, StringBuilder key, List<ChatItem> items)
    {
        if (parts is null)
        {
            return;
        }

        items.Add(new ChatItem(new Message { Role = role, Content = new MessageContent(parts) }, key.ToString()));
        parts = null;
        key.Clear().Append("message\n").Append(role).Append('\n');
    }

    private static InputContent DataPart(DataContent data)
    {
        // A data: URI carries the media type with the bytes, which is what both image_url and file_data take.
        if (data.HasTopLevelMediaType("image"))
        {
            return new InputImageContent { ImageUrl = data.Uri };
        }

        return new InputFileContent { FileData = data.Uri, Filename = data.Name ?? "file" };
    }

    private static ChatItem FunctionCall(FunctionCallContent call)
    {
        string key = "call\n" + call.CallId + "\n" + call.Name;
        if (call.RawRepresentation is FunctionCall raw)
        {
            return new ChatItem(raw, key);
        }

        string arguments = call.Arguments is null
            ? "{}"
            : FunctionJson.Serialize(call.Arguments);
        return new ChatItem(new FunctionCall { CallId = call.CallId, Name = call.Name, Arguments = arguments }, key);
    }

    private static ChatItem FunctionResult(FunctionResultContent result)
    {
        string output = ResultText(result.Result);
        return new ChatItem(new FunctionCallOutput { CallId = result.CallId, Output = output }, "output\n" + result.CallId + "\n" + output);
    }

    private static ChatItem? Reasoning(TextReasoningContent reasoning)
    {
        if (reasoning.RawRepresentation is ReasoningItem raw)
        {
            return new ChatItem(raw, "reasoning\n" + (raw.Id ?? raw.EncryptedContent ?? reasoning.Text));
        }

        if (reasoning.ProtectedData is { Length: > 0 } encrypted)
        {
            var summary = new List<OutputContent>();
            if (reasoning.Text.Length > 0)
            {
                summary.Add(new SummaryTextContent { Text = reasoning.Text });
            }

            return new ChatItem(new ReasoningItem { EncryptedContent = encrypted, Summary = summary }, "reasoning\n" + encrypted);
        }

        // Reasoning text without its item or encrypted content cannot be replayed to the model; it is shown, not sent.
        return null;
    }

    private static void AddOther(AIContent content, List<ChatItem> items)
    {
        switch (content)
        {
            case { RawRepresentation: InputItem item }:
                // Every output item is also an input item: what a response returned is replayed as it came.
                items.Add(new ChatItem(item, "raw\n" + ProtocolJson.ToJsonString(item)));
                break;
            case UsageContent or ErrorContent:
                // What a response reported, not something to send back.
                break;
            default:
                throw new ArgumentException($"{content.GetType().Name} cannot be sent over the Responses API by this chat client.");
        }
    }
}
