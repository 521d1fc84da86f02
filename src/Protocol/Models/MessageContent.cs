using System;
using System.Collections.Generic;
using System.Text.Json;
using ProtocolCore.Json;

namespace ProtocolCore.Models;

/// <summary>
/// Message content (and tool call output), which the API accepts as either a plain string or an array of content parts:
/// exactly one of <see cref="Text"/> and <see cref="Parts"/> is set, and it is written back in the same form.
/// </summary>
public sealed class MessageContent : IJsonValue<MessageContent>
{
    /// <summary>Content in the string form.</summary>
    public MessageContent(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        Text = text;
    }

    /// <summary>Content in the array form.</summary>
    public MessageContent(List<InputContent> parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        Parts = parts;
    }

    // For a view decode's instance (ReadJson with reuse): both set by the read.
    private MessageContent()
    {
    }

    /// <summary>The string form, or null when the content is an array.</summary>
    public string? Text { get; private set; }

    /// <summary>The array form, or null when the content is a string.</summary>
    public List<InputContent>? Parts { get; private set; }

    /// <summary>A view decode's parts list, kept for its next read into this instance.</summary>
    private List<InputContent>? _viewParts;

    /// <summary>One instance per case at each position of <see cref="_viewParts"/>, for view decodes.</summary>
    private List<JsonInstanceCache<InputContent>>? _partCaches;

    /// <summary>Content in the string form.</summary>
    public static implicit operator MessageContent(string text) => new(text);

    /// <inheritdoc/>
    public static MessageContent ReadJson(ref JsonScanner reader, JsonReadContext context) => ReadJson(ref reader, context, null);

    /// <summary>
    /// Reads into <paramref name="reuse"/>, a value an earlier view decode returned (its parts read into the instances
    /// kept per position and case), or into a new value when null. An owned decode passes null and gets parts of its own.
    /// </summary>
    internal static MessageContent ReadJson(ref JsonScanner reader, JsonReadContext context, MessageContent? reuse)
    {
        MessageContent content = reuse ?? new MessageContent();
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
                content.Text = context.ReadString(ref reader);
                content.Parts = null;
                return content;
            case JsonTokenType.StartArray:
                List<InputContent> parts = context.Owned ? new List<InputContent>() : content._viewParts ??= new List<InputContent>();
                List<JsonInstanceCache<InputContent>>? caches = context.Owned ? null : content._partCaches ??= [];
                parts.Clear();
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    JsonInstanceCache<InputContent>? cache = null;
                    if (caches is not null && parts.Count < JsonReadContext.MaxReusedElements)
                    {
                        if (parts.Count == caches.Count)
                        {
                            caches.Add(new JsonInstanceCache<InputContent>());
                        }

                        cache = caches[parts.Count];
                    }

                    parts.Add(InputContent.ReadJson(ref reader, context, cache));
                }

                content.Text = null;
                content.Parts = parts;
                return content;
            default:
                throw new ProtocolJsonException($"Content must be a string or an array, found {reader.TokenType}.", reader.TokenStartIndex);
        }
    }

    /// <inheritdoc/>
    public void WriteJson(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        TextOrListJson.Write(writer, Text, Parts);
    }
}
