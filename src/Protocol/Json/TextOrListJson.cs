using System.Collections.Generic;
using System.Text.Json;

namespace ProtocolCore.Json;

/// <summary>
/// Reads and writes the API's "a string, or an array of X" values (message content, request input), which generated
/// models cannot express: the hand-written types that hold them delegate here.
/// </summary>
internal static class TextOrListJson
{
    /// <summary>Reads a string or an array of <typeparamref name="T"/>; exactly one of the outputs is set.</summary>
    public static void Read<T>(ref JsonScanner reader, JsonReadContext context, string what, out string? text, out List<T>? items)
        where T : IJsonValue<T>
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
                text = reader.GetString()!;
                items = null;
                return;
            case JsonTokenType.StartArray:
                text = null;
                items = new List<T>();
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    items.Add(T.ReadJson(ref reader, context));
                }

                return;
            default:
                throw new ProtocolJsonException($"{what} must be a string or an array, found {reader.TokenType}.", reader.TokenStartIndex);
        }
    }

    /// <summary>Writes <paramref name="items"/> as an array when set, else <paramref name="text"/> as a string.</summary>
    public static void Write<T>(Utf8JsonWriter writer, string? text, List<T>? items)
        where T : IJsonValue<T>
    {
        if (items is null)
        {
            writer.WriteStringValue(text);
            return;
        }

        writer.WriteStartArray();
        foreach (T item in items)
        {
            item.WriteJson(writer);
        }

        writer.WriteEndArray();
    }
}
