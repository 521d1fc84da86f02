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
    public MessageContent(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        Text = text;
    }

    public MessageContent(List<InputContent> parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        Parts = parts;
    }

    /// <summary>The string form, or null when the content is an array.</summary>
    public string? Text { get; }

    /// <summary>The array form, or null when the content is a string.</summary>
    public List<InputContent>? Parts { get; }

    public static implicit operator MessageContent(string text) => new(text);

    public static MessageContent ReadJson(ref JsonScanner reader, JsonReadContext context)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
                return new MessageContent(reader.GetString()!);
            case JsonTokenType.StartArray:
                var parts = new List<InputContent>();
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    parts.Add(InputContent.ReadJson(ref reader, context));
                }

                return new MessageContent(parts);
            default:
                throw new ProtocolJsonException($"Content must be a string or an array, found {reader.TokenType}.", reader.TokenStartIndex);
        }
    }

    public void WriteJson(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (Parts is null)
        {
            writer.WriteStringValue(Text);
            return;
        }

        writer.WriteStartArray();
        foreach (InputContent part in Parts)
        {
            part.WriteJson(writer);
        }

        writer.WriteEndArray();
    }
}
