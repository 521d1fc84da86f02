using System;
using System.Buffers;
using System.Text.Json;
using ProtocolCore.Events;

namespace ProtocolCore.Client;

/// <summary>
/// The view path's decoder (<see cref="ResponsesSession.ReadTurnAsync"/>), one per running turn (<see cref="TurnViewReaderPool"/>). Each message is copied into
/// a buffer of its own and decoded with a <see cref="ResponsesEventReader"/>, so its views stay valid until this reader
/// reads again, whoever reads the connection's next message (the receive slot goes back at the next receive, and on a
/// shared connection another lane's reader may do that receive while the view is still in use). The events the session
/// keeps past the view, <c>response.output_item.done</c> (its item joins the conversation) and the terminal events (the
/// turn's result), are decoded owned instead.
/// </summary>
internal sealed class TurnViewReader : IDisposable
{
    /// <summary>A buffer grown past this by a large event goes back to the pool at the end of the turn.</summary>
    private const int MaxRetainedLength = 16 * 1024;

    private readonly ResponsesEventReader _reader = new();
    private byte[] _buffer = [];

    /// <summary>
    /// Decodes <paramref name="utf8Json"/>: a view (<paramref name="isView"/>) valid until the next call, or an owned
    /// event for the kinds the session keeps.
    /// </summary>
    /// <exception cref="Json.ProtocolJsonException">The message is not one well-formed event.</exception>
    public ResponsesEvent Read(ReadOnlyMemory<byte> utf8Json, out bool isView)
    {
        ReadOnlySpan<byte> message = utf8Json.Span;
        if (IsKept(FirstType(message)))
        {
            isView = false;
            return ResponsesEventJson.Parse(utf8Json);
        }

        if (_buffer.Length < message.Length)
        {
            if (_buffer.Length > 0)
            {
                ArrayPool<byte>.Shared.Return(_buffer);
            }

            _buffer = ArrayPool<byte>.Shared.Rent(Math.Max(message.Length, 512));
        }

        message.CopyTo(_buffer);
        ResponsesEvent view = _reader.Read(_buffer.AsMemory(0, message.Length));
        if (IsKept(view))
        {
            // "type" was not the first member: decoded twice, owned the second time.
            isView = false;
            return ResponsesEventJson.Parse(utf8Json);
        }

        isView = true;
        return view;
    }

    /// <summary>The turn is over: a buffer a large event grew is given back (views of the turn are no longer used).</summary>
    public void EndTurn()
    {
        // The next turn has other ids: the cache would only keep these alive (and flatter a benchmark replaying one turn).
        _reader.ClearStringCache();
        if (_buffer.Length > MaxRetainedLength)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = [];
        }
    }

    /// <summary>Gives the buffers back; the views handed out are invalid afterwards (the session is done with them).</summary>
    public void Dispose()
    {
        _reader.Dispose();
        if (_buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = [];
        }
    }

    /// <summary>Whether the session keeps this event past its view.</summary>
    public static bool IsKept(ResponsesEvent item) => item is OutputItemDoneEvent || ResponsesTerminal.IsTerminal(item);

    private static bool IsKept(ReadOnlySpan<byte> type) =>
        type.SequenceEqual("response.output_item.done"u8) || type.SequenceEqual("response.completed"u8)
        || type.SequenceEqual("response.done"u8) || type.SequenceEqual("response.incomplete"u8)
        || type.SequenceEqual("response.failed"u8) || type.SequenceEqual("error"u8);

    /// <summary>
    /// The <c>"type"</c> value when it is the first member and unescaped (as servers write it), else empty: a peek that
    /// spares the kept kinds a view decode before their owned one. Malformed input is left to the decode.
    /// </summary>
    private static ReadOnlySpan<byte> FirstType(ReadOnlySpan<byte> message)
    {
        var reader = new Utf8JsonReader(message);
        try
        {
            if (reader.Read() && reader.TokenType == JsonTokenType.StartObject
                && reader.Read() && reader.TokenType == JsonTokenType.PropertyName && !reader.ValueIsEscaped && reader.ValueSpan.SequenceEqual("type"u8)
                && reader.Read() && reader.TokenType == JsonTokenType.String && !reader.ValueIsEscaped)
            {
                return message.Slice((int)reader.TokenStartIndex + 1, reader.ValueSpan.Length);
            }
        }
        catch (JsonException)
        {
            // The decode reports it, with the reader's typed error.
        }

        return default;
    }
}
