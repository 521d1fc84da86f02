using System;
using System.Buffers;
using System.Text;
using System.Text.Json;

namespace ProtocolCore.Json;

/// <summary>
/// Reads and writes any generated (or hand-written <see cref="IJsonValue{TSelf}"/>) value as a whole document: a
/// request, a model, an event of a known type. No reflection: the static abstract <c>ReadJson</c> of the type is called.
/// </summary>
public static class ProtocolJson
{
    private const int MaxRetainedBytesBuffer = 1024 * 1024;

    [ThreadStatic]
    private static Utf8JsonWriter? t_writer;

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_bytesBuffer;

    /// <summary>Reads one document into a value that owns all its data.</summary>
    /// <exception cref="ProtocolJsonException">Malformed JSON, trailing data, or JSON that does not fit the model.</exception>
    public static T Parse<T>(ReadOnlySpan<byte> utf8Json) where T : IJsonValue<T>
    {
        byte[] copy = utf8Json.ToArray();
        JsonReadContext context = JsonReadContext.RentOwnedCopyContext(copy);
        try
        {
            return ReadDocument<T>(copy, context);
        }
        finally
        {
            JsonReadContext.ReturnOwnedCopyContext(context);
        }
    }

    /// <summary>Reads one document into a value that owns all its data.</summary>
    public static T Parse<T>(string json) where T : IJsonValue<T>
    {
        ArgumentNullException.ThrowIfNull(json);
        return Parse<T>(Encoding.UTF8.GetBytes(json));
    }

    /// <summary>
    /// Reads one document with <paramref name="context"/>: with <paramref name="owned"/> false, text members are views valid
    /// until the context's next decode.
    /// </summary>
    public static T Read<T>(ReadOnlyMemory<byte> utf8Json, JsonReadContext context, bool owned) where T : IJsonValue<T>
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Reset(utf8Json, owned);
        return ReadDocument<T>(utf8Json.Span, context);
    }

    /// <summary>Reads one document that may be split across segments (made contiguous once, in pooled memory).</summary>
    public static T Read<T>(in ReadOnlySequence<byte> utf8Json, JsonReadContext context, bool owned) where T : IJsonValue<T>
    {
        ArgumentNullException.ThrowIfNull(context);
        ReadOnlyMemory<byte> contiguous = context.Reset(utf8Json, owned);
        return ReadDocument<T>(contiguous.Span, context);
    }

    /// <summary>Writes <paramref name="value"/> as compact JSON (non-ASCII text as UTF-8, as the API writes it).</summary>
    public static void Write<T>(T value, IBufferWriter<byte> destination) where T : IJsonValue<T>
    {
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(destination);

        // One writer per thread, reset onto each destination: encoding an event per message allocates nothing. It is
        // taken out of the slot while in use, so a nested Write (from a hand-written WriteJson) gets its own.
        Utf8JsonWriter writer = t_writer ?? new Utf8JsonWriter(destination, WriterOptions);
        t_writer = null;
        try
        {
            writer.Reset(destination);
            value.WriteJson(writer);
            writer.Flush();
        }
        finally
        {
            // Park the writer on a sentinel so it does not keep the caller's buffer alive.
            writer.Reset(ParkedBufferWriter.Instance);
            t_writer = writer;
        }
    }

    /// <summary>
    /// Serializes <paramref name="value"/> to a new array of UTF-8 JSON; the only allocation is the exact-size result.
    /// </summary>
    public static byte[] ToUtf8Bytes<T>(T value) where T : IJsonValue<T>
    {
        // Written into a per-thread buffer first, so the only allocation is the exact-size result (a growing buffer would
        // leave a trail of arrays behind for every request of a few KB).
        ArrayBufferWriter<byte> buffer = WriteToScratch(value);
        try
        {
            return buffer.WrittenSpan.ToArray();
        }
        finally
        {
            ReturnScratch(buffer);
        }
    }

    /// <summary>
    /// Serializes <paramref name="value"/> into an array rented from <see cref="ArrayPool{T}.Shared"/>, its first
    /// <paramref name="length"/> bytes the JSON: for a payload that is sent and dropped (a request), so a turn allocates
    /// no array for it. The caller returns the array to the pool.
    /// </summary>
    internal static byte[] RentUtf8Bytes<T>(T value, out int length) where T : IJsonValue<T>
    {
        ArrayBufferWriter<byte> buffer = WriteToScratch(value);
        try
        {
            length = buffer.WrittenCount;
            byte[] rented = ArrayPool<byte>.Shared.Rent(length);
            buffer.WrittenSpan.CopyTo(rented);
            return rented;
        }
        finally
        {
            ReturnScratch(buffer);
        }
    }

    /// <summary>
    /// Whether <paramref name="value"/> serializes to exactly <paramref name="utf8Json"/>; if not, the new JSON in
    /// <paramref name="changed"/>. Compares without allocating when they are equal (a fingerprint that did not change).
    /// </summary>
    internal static bool SerializesTo<T>(T value, ReadOnlySpan<byte> utf8Json, out byte[]? changed) where T : IJsonValue<T>
    {
        ArrayBufferWriter<byte> buffer = WriteToScratch(value);
        try
        {
            bool equal = buffer.WrittenSpan.SequenceEqual(utf8Json);
            changed = equal ? null : buffer.WrittenSpan.ToArray();
            return equal;
        }
        finally
        {
            ReturnScratch(buffer);
        }
    }

    /// <summary>
    /// Writes <paramref name="value"/> into the thread's scratch buffer, taken out of its slot while in use (a nested
    /// call gets a new one); the caller gives it back with <see cref="ReturnScratch"/> once done with the bytes.
    /// </summary>
    private static ArrayBufferWriter<byte> WriteToScratch<T>(T value) where T : IJsonValue<T>
    {
        ArrayBufferWriter<byte> buffer = t_bytesBuffer ?? new ArrayBufferWriter<byte>(4096);
        t_bytesBuffer = null;
        try
        {
            Write(value, buffer);
            return buffer;
        }
        catch
        {
            ReturnScratch(buffer);
            throw;
        }
    }

    private static void ReturnScratch(ArrayBufferWriter<byte> buffer)
    {
        // A buffer grown by one huge document is not kept for the thread's lifetime.
        if (buffer.Capacity <= MaxRetainedBytesBuffer)
        {
            buffer.ResetWrittenCount();
            t_bytesBuffer = buffer;
        }
    }

    /// <summary>Serializes <paramref name="value"/> to a JSON string.</summary>
    public static string ToJsonString<T>(T value) where T : IJsonValue<T> => Encoding.UTF8.GetString(ToUtf8Bytes(value));

    /// <summary>
    /// Writer options for events and requests: non-ASCII text is written as UTF-8 rather than \u escapes (as the API
    /// itself does), and the writer skips its structural validation since generated code is structurally correct.
    /// </summary>
    public static JsonWriterOptions WriterOptions { get; } = new()
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        SkipValidation = true,
    };

    private static T ReadDocument<T>(ReadOnlySpan<byte> utf8Json, JsonReadContext context) where T : IJsonValue<T>
    {
        var reader = new JsonScanner(utf8Json);
        reader.Read();
        T value = T.ReadJson(ref reader, context);
        if (reader.Read())
        {
            throw new ProtocolJsonException("Unexpected data after the JSON value.", reader.TokenStartIndex);
        }

        return value;
    }

    /// <summary>Where an idle writer points; nothing is ever written to it.</summary>
    private sealed class ParkedBufferWriter : IBufferWriter<byte>
    {
        public static readonly ParkedBufferWriter Instance = new();

        public void Advance(int count) => throw new InvalidOperationException("A parked writer was used.");

        public Memory<byte> GetMemory(int sizeHint = 0) => throw new InvalidOperationException("A parked writer was used.");

        public Span<byte> GetSpan(int sizeHint = 0) => throw new InvalidOperationException("A parked writer was used.");
    }
}
