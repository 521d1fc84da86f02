using System;
using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using ProtocolCore.Json;

namespace ProtocolCore.Events;

/// <summary>Owned decoding and encoding of <see cref="ResponsesEvent"/>s (the convenience path; it allocates).</summary>
public static class ResponsesEventJson
{
    internal static readonly JsonReaderOptions ReaderOptions = new() { MaxDepth = 128 };

    /// <summary>
    /// Writer options for events and requests: non-ASCII text is written as UTF-8 rather than \u escapes (as the API
    /// itself does), and the writer skips its structural validation since generated code is structurally correct.
    /// </summary>
    public static JsonWriterOptions WriterOptions { get; } = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        SkipValidation = true,
    };

    public static ResponsesEvent Parse(ReadOnlySpan<byte> utf8Json)
    {
        byte[] copy = utf8Json.ToArray();
        using var context = new JsonReadContext();
        context.Reset(copy, owned: true);
        var reader = new Utf8JsonReader(copy, ReaderOptions);
        return ReadDocument(ref reader, context, cache: null);
    }

    public static ResponsesEvent Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        return Parse(Encoding.UTF8.GetBytes(json));
    }

    /// <summary>Writes the event as compact JSON.</summary>
    public static void Write(ResponsesEvent value, IBufferWriter<byte> destination)
    {
        ArgumentNullException.ThrowIfNull(value);
        using var writer = new Utf8JsonWriter(destination, WriterOptions);
        value.WriteJson(writer);
    }

    public static byte[] ToUtf8Bytes(ResponsesEvent value)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        Write(value, buffer);
        return buffer.WrittenSpan.ToArray();
    }

    public static string ToJsonString(ResponsesEvent value) => Encoding.UTF8.GetString(ToUtf8Bytes(value));

    /// <summary>A copy of <paramref name="value"/> that owns all its data (for events from the view path).</summary>
    public static ResponsesEvent Clone(ResponsesEvent value) => Parse(ToUtf8Bytes(value));

    internal static ResponsesEvent ReadDocument(ref Utf8JsonReader reader, JsonReadContext context, JsonInstanceCache<ResponsesEvent>? cache)
    {
        try
        {
            if (!reader.Read())
            {
                throw new ProtocolJsonException("The message is empty.", 0);
            }

            if (reader.TokenType != JsonTokenType.StartObject)
            {
                throw new ProtocolJsonException($"An event must be a JSON object, found {reader.TokenType}.", reader.TokenStartIndex);
            }

            ResponsesEvent result = ResponsesEvent.ReadJson(ref reader, context, cache);
            if (reader.Read())
            {
                throw new ProtocolJsonException("Unexpected data after the event object.", reader.TokenStartIndex);
            }

            return result;
        }
        catch (JsonException e)
        {
            throw new ProtocolJsonException("Malformed JSON: " + e.Message, e.BytePositionInLine ?? 0, e);
        }
        catch (InvalidOperationException e)
        {
            throw new ProtocolJsonException("JSON does not fit the event model: " + e.Message, reader.TokenStartIndex, e);
        }
    }
}
