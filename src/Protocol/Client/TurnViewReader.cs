using System;
using System.Buffers;
using ProtocolCore.Events;

namespace ProtocolCore.Client;

/// <summary>
/// The view path's decoder (<see cref="ResponsesSession.ReadTurnAsync"/>), one per running turn (<see cref="TurnViewReaderPool"/>). Each message is copied into
/// a buffer of its own and decoded with a <see cref="ResponsesEventReader"/>, so its views stay valid until this reader
/// reads again, whoever reads the connection's next message (the receive slot goes back at the next receive, and on a
/// shared connection another lane's reader may do that receive while the view is still in use). Every kind is a view,
/// the ones the session keeps past it too (<c>response.output_item.done</c>, the terminal events): the session takes
/// what it needs from their JSON while the view is valid (<see cref="KeepItem"/>, <see cref="ReadTerminal"/>).
/// </summary>
internal sealed partial class TurnViewReader : IDisposable
{
    /// <summary>A buffer grown past this by a large event goes back to the pool at the end of the turn.</summary>
    private const int MaxRetainedLength = 16 * 1024;

    private readonly ResponsesEventReader _reader = new();
    private byte[] _buffer = [];

    /// <summary>Decodes <paramref name="utf8Json"/> into a view (<paramref name="isView"/>, always true) valid until the next call.</summary>
    /// <exception cref="Json.ProtocolJsonException">The message is not one well-formed event.</exception>
    public ResponsesEvent Read(ReadOnlyMemory<byte> utf8Json, out bool isView)
    {
        ReadOnlySpan<byte> message = utf8Json.Span;
        _kept = null;
        if (_buffer.Length < message.Length)
        {
            if (_buffer.Length > 0)
            {
                ArrayPool<byte>.Shared.Return(_buffer);
            }

            _buffer = ArrayPool<byte>.Shared.Rent(Math.Max(message.Length, 512));
        }

        message.CopyTo(_buffer);
        _length = message.Length;
        ReadOnlyMemory<byte> copy = _buffer.AsMemory(0, message.Length);
        ResponsesEvent view = _reader.Read(copy);
        if (view is OutputItemDoneEvent || ResponsesTerminal.IsTerminal(view))
        {
            // Its JSON is looked at only if the session asks (not for another lane's event, copied owned instead).
            _kept = view;
        }

        isView = true;
        return view;
    }

    /// <summary>The turn is over: a buffer a large event grew is given back (views of the turn are no longer used).</summary>
    public void EndTurn()
    {
        // The next turn has other ids: the cache would only keep these alive (and flatter a benchmark replaying one turn).
        _reader.ClearStringCache();
        _kept = null;
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
        _kept = null;
        if (_buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = [];
        }
    }
}
