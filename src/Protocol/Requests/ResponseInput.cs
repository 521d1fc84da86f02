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
    /// <summary>Input in the string form: one user message.</summary>
    public ResponseInput(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        Text = text;
    }

    /// <summary>Input in the item list form.</summary>
    public ResponseInput(List<InputItem> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        Items = items;
    }

    /// <summary>The string form, or null when the input is a list of items.</summary>
    public string? Text { get; }

    /// <summary>The item list form, or null when the input is a string.</summary>
    public List<InputItem>? Items { get; }

    /// <summary>Input in the string form: one user message.</summary>
    public static implicit operator ResponseInput(string text) => new(text);

    /// <summary>Input in the item list form.</summary>
    public static implicit operator ResponseInput(List<InputItem> items) => new(items);

    /// <inheritdoc/>
    public static ResponseInput ReadJson(ref JsonScanner reader, JsonReadContext context)
    {
        TextOrListJson.Read(ref reader, context, "Input", out string? text, out List<InputItem>? items);
        return items is null ? new ResponseInput(text!) : new ResponseInput(items);
    }

    /// <inheritdoc/>
    public void WriteJson(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        TextOrListJson.Write(writer, Text, Items);
    }
}
