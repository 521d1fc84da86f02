using System;
using System.Buffers;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ProtocolCore.Extensions.AI;

/// <summary>
/// Function-call arguments and results between M.E.AI's <c>object?</c> values and the JSON text the wire carries,
/// without <see cref="JsonSerializer"/>: this package stays free of reflection-based JSON. Values are what M.E.AI
/// hands over in practice (<c>AIFunctionFactory</c> marshals results to <see cref="JsonElement"/>): JSON elements and
/// nodes, strings, booleans, numbers, and dictionaries and lists of those. Anything else is refused with a message
/// that says what to pass instead, rather than serialised by guesswork.
/// </summary>
internal static class FunctionJson
{
    /// <summary>A call's arguments: each member of the JSON object as a <see cref="JsonElement"/> (M.E.AI binds those).</summary>
    public static IDictionary<string, object?>? ParseArguments(string json)
    {
        using JsonDocument document = JsonDocument.Parse(json);
        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        var arguments = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (JsonProperty property in document.RootElement.EnumerateObject())
        {
            arguments[property.Name] = property.Value.Clone();
        }

        return arguments;
    }

    /// <summary>The JSON text of <paramref name="value"/>.</summary>
    /// <exception cref="NotSupportedException">A value of a type this mapping does not write (a custom object).</exception>
    public static string Serialize(object? value)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            Write(writer, value);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static void Write(Utf8JsonWriter writer, object? value)
    {
        switch (value)
        {
            case null:
                writer.WriteNullValue();
                break;
            case JsonElement element:
                element.WriteTo(writer);
                break;
            case JsonNode node:
                node.WriteTo(writer);
                break;
            case string text:
                writer.WriteStringValue(text);
                break;
            case bool flag:
                writer.WriteBooleanValue(flag);
                break;
            case int or long or short or sbyte or byte or ushort or uint:
                writer.WriteNumberValue(Convert.ToInt64(value, CultureInfo.InvariantCulture));
                break;
            case ulong number:
                writer.WriteNumberValue(number);
                break;
            case double number:
                writer.WriteNumberValue(number);
                break;
            case float number:
                writer.WriteNumberValue(number);
                break;
            case decimal number:
                writer.WriteNumberValue(number);
                break;
            case IEnumerable<KeyValuePair<string, object?>> members:
                writer.WriteStartObject();
                foreach (KeyValuePair<string, object?> member in members)
                {
                    writer.WritePropertyName(member.Key);
                    Write(writer, member.Value);
                }

                writer.WriteEndObject();
                break;
            case IEnumerable items:
                writer.WriteStartArray();
                foreach (object? item in items)
                {
                    Write(writer, item);
                }

                writer.WriteEndArray();
                break;
            default:
                throw new NotSupportedException(
                    $"A function argument or result of type {value.GetType().Name} cannot be written as JSON without reflection: " +
                    "pass a string, a JsonElement or JsonNode, a primitive, or a dictionary or list of those (AIFunctionFactory's results already are).");
        }
    }
}
