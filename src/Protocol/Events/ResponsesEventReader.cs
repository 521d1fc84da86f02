using System;
using System.Buffers;
using ProtocolCore.Json;

namespace ProtocolCore.Events;

/// <summary>
/// Decodes Responses events from UTF-8 JSON. <see cref="Read(ReadOnlyMemory{byte})"/> is the hot path: it decodes into one
/// instance kept per event kind, and string members are views into the message or pooled scratch, so a steady stream of
/// delta events allocates nothing. What it returns is valid until the next call on the same reader; use
/// <see cref="Parse(ReadOnlySpan{byte})"/> (or <see cref="ResponsesEventJson.Clone"/>) for events that must live longer.
/// Not thread-safe: one reader per receive loop.
/// </summary>
public sealed class ResponsesEventReader : IDisposable
{
    private readonly JsonReadContext _context = new();
    private readonly JsonInstanceCache<ResponsesEvent> _cache = new(ResponsesEvent.CaseCount);

    /// <summary>Decodes one event; the result and its text views are valid until the next call.</summary>
    /// <exception cref="ProtocolJsonException">The message is not one well-formed JSON object of a valid shape.</exception>
    public ResponsesEvent Read(ReadOnlyMemory<byte> utf8Json)
    {
        _context.Reset(utf8Json, owned: false);
        var reader = new JsonScanner(utf8Json.Span);
        return ResponsesEventJson.ReadDocument(ref reader, _context, _cache);
    }

    /// <summary>Decodes one event from a segmented message (as a frame reader or SSE parser hands it over).</summary>
    public ResponsesEvent Read(in ReadOnlySequence<byte> utf8Json)
    {
        if (utf8Json.IsSingleSegment)
        {
            return Read(utf8Json.First);
        }

        // Made contiguous once (into a pooled buffer the context keeps), so the scanner works on one span.
        ReadOnlyMemory<byte> contiguous = _context.Reset(utf8Json, owned: false);
        var reader = new JsonScanner(contiguous.Span);
        return ResponsesEventJson.ReadDocument(ref reader, _context, _cache);
    }

    /// <summary>Decodes one event into a new instance that owns all of its data (allocates).</summary>
    public static ResponsesEvent Parse(ReadOnlySpan<byte> utf8Json) => ResponsesEventJson.Parse(utf8Json);

    /// <summary>Decodes one event into a new instance that owns all of its data (allocates).</summary>
    public static ResponsesEvent Parse(string json) => ResponsesEventJson.Parse(json);

    /// <summary>The decode state, for a caller that reads part of an event itself and shares the string cache (the session's view reader).</summary>
    internal JsonReadContext Context => _context;

    /// <summary>Forgets the short strings kept for reuse across events (at the end of a stream: the next one has other ids).</summary>
    internal void ClearStringCache() => _context.ClearStringCache();

    /// <summary>Returns the reader's pooled buffers; events it returned are invalid afterwards.</summary>
    public void Dispose() => _context.Dispose();
}
