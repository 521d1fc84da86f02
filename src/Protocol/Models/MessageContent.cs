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

    /// <summary>The string form, or null when the content is an array.</summary>
    public string? Text { get; }

    /// <summary>The array form, or null when the content is a string.</summary>
    public List<InputContent>? Parts { get; }

    /// <summary>Content in the string form.</summary>
    public static implicit operator MessageContent(string text) => new(text);

    /// <inheritdoc/>
    public static MessageContent ReadJson(ref JsonScanner reader, JsonReadContext context)
    {
        TextOrListJson.Read(ref reader, context, "Content", out string? text, out List<InputContent>? parts);
        return parts is null ? new MessageContent(text!) : new MessageContent(parts);
    }

    /// <inheritdoc/>
    public void WriteJson(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        TextOrListJson.Write(writer, Text, Parts);
    }
}
