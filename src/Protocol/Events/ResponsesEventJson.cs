using System;
using System.Buffers;
using System.Text;
using System.Text.Json;
using ProtocolCore.Json;

namespace ProtocolCore.Events;

/// <summary>Owned decoding and encoding of <see cref="ResponsesEvent"/>s (the convenience path; it allocates).</summary>
public static class ResponsesEventJson
{
    /// <summary>The writer options every event and request is written with (see <see cref="ProtocolJson.WriterOptions"/>).</summary>
    public static JsonWriterOptions WriterOptions => ProtocolJson.WriterOptions;

    /// <summary>
    /// Decodes one event into a new instance that owns all of its data: the event and a copy of each of its values (not
    /// a private copy of the whole message, which a delta's few short strings would keep alive).
    /// </summary>
    public static ResponsesEvent Parse(ReadOnlySpan<byte> utf8Json)
    {
        // The scanner needs memory the context can slice: a pooled copy, given back once every value was copied out.
        byte[] scratch = ArrayPool<byte>.Shared.Rent(utf8Json.Length);
        try
        {
            utf8Json.CopyTo(scratch);
            return Parse(scratch.AsMemory(0, utf8Json.Length));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(scratch);
        }
    }

    /// <summary>Decodes one event into a new instance that owns all of its data (its values are copied out of <paramref name="utf8Json"/>).</summary>
    internal static ResponsesEvent Parse(ReadOnlyMemory<byte> utf8Json)
    {
        JsonReadContext context = JsonReadContext.RentOwnedContext(utf8Json);
        try
        {
            var reader = new JsonScanner(utf8Json.Span);
            return ReadDocument(ref reader, context, cache: null);
        }
        finally
        {
            JsonReadContext.ReturnOwnedCopyContext(context);
        }
    }

    /// <summary>Decodes one event into a new instance that owns all of its data.</summary>
    public static ResponsesEvent Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        return Parse(Encoding.UTF8.GetBytes(json).AsMemory());
    }

    /// <summary>Writes the event as compact JSON.</summary>
    public static void Write(ResponsesEvent value, IBufferWriter<byte> destination) => ProtocolJson.Write(value, destination);

    /// <summary>The event as compact UTF-8 JSON, in a new array.</summary>
    public static byte[] ToUtf8Bytes(ResponsesEvent value)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        Write(value, buffer);
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>The event as a compact JSON string.</summary>
    public static string ToJsonString(ResponsesEvent value) => Encoding.UTF8.GetString(ToUtf8Bytes(value));

    /// <summary>A copy of <paramref name="value"/> that owns all its data (for events from the view path).</summary>
    public static ResponsesEvent Clone(ResponsesEvent value) => Parse(ToUtf8Bytes(value).AsMemory());

    internal static ResponsesEvent ReadDocument(ref JsonScanner reader, JsonReadContext context, JsonInstanceCache<ResponsesEvent>? cache)
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
