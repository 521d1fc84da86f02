using System;
using System.Collections.Generic;
using System.Text.Json;
using ProtocolCore.Json;
using ProtocolCore.Models;

namespace ProtocolCore.Requests;

/// <summary>
/// The <c>input</c> of a request: either a plain string (one user message) or a list of input items. Exactly one of
/// <see cref="Text"/> and <see cref="Items"/> is set, and it is written back in the same form.
/// </summary>
public sealed class ResponseInput : IJsonValue<ResponseInput>
{
    public ResponseInput(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        Text = text;
    }

    public ResponseInput(List<InputItem> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        Items = items;
    }

    /// <summary>The string form, or null when the input is a list of items.</summary>
    public string? Text { get; }

    /// <summary>The item list form, or null when the input is a string.</summary>
    public List<InputItem>? Items { get; }

    public static implicit operator ResponseInput(string text) => new(text);

    public static implicit operator ResponseInput(List<InputItem> items) => new(items);

    public static ResponseInput ReadJson(ref JsonScanner reader, JsonReadContext context)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
                return new ResponseInput(reader.GetString()!);
            case JsonTokenType.StartArray:
                var items = new List<InputItem>();
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    items.Add(InputItem.ReadJson(ref reader, context));
                }

                return new ResponseInput(items);
            default:
                throw new ProtocolJsonException($"Input must be a string or an array, found {reader.TokenType}.", reader.TokenStartIndex);
        }
    }

    public void WriteJson(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (Items is null)
        {
            writer.WriteStringValue(Text);
            return;
        }

        writer.WriteStartArray();
        foreach (InputItem item in Items)
        {
            item.WriteJson(writer);
        }

        writer.WriteEndArray();
    }
}
