using System;
using System.Buffers;
using ProtocolCore.Events;
using ProtocolCore.Json;

namespace ProtocolCore.Client;

/// <summary>
/// What decodes one view event for a turn (<see cref="TurnViewReader"/>): a copy of the message in a buffer of its own
/// and a <see cref="ResponsesEventReader"/> whose instances the view is read into. Held from the decode until the
/// turn's caller asks for its next event (the view's lifetime), then back in <see cref="ViewDecoderPool"/> for any
/// turn's next event. The turn's string cache is lent for the decode, so ids repeated across a turn's events are
/// still read once per turn, whichever decoder reads them.
/// </summary>
internal sealed class ViewDecoder : IDisposable
{
    /// <summary>A copy buffer grown past this by a large event goes back to the pool when the decoder does.</summary>
    private const int MaxRetainedLength = 16 * 1024;

    private readonly ResponsesEventReader _reader = new();
    private byte[] _buffer = [];
    private int _length;

    /// <summary>The message the current view was decoded from (its JSON, for what the session keeps of it).</summary>
    public ReadOnlyMemory<byte> Message => _buffer.AsMemory(0, _length);

    /// <summary>The decoder starts serving a turn: string values are looked up in, and added to, <paramref name="strings"/>.</summary>
    public void Attach(Utf8StringCache strings) => _reader.Context.StringCache = strings;

    /// <summary>Copies <paramref name="message"/> and decodes it into a view, valid until the next call or <see cref="Detach"/>.</summary>
    /// <exception cref="ProtocolJsonException">The message is not one well-formed event.</exception>
    public ResponsesEvent Read(ReadOnlySpan<byte> message)
    {
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
        return _reader.Read(_buffer.AsMemory(0, message.Length));
    }

    /// <summary>
    /// The view is no longer used: the turn's string cache is let go (the decoder must not keep it alive) and a copy
    /// buffer a large event grew goes back.
    /// </summary>
    public void Detach()
    {
        _reader.Context.StringCache = null;
        _length = 0;
        if (_buffer.Length > MaxRetainedLength)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = [];
        }
    }

    /// <summary>Gives the buffers back; the views it decoded are invalid afterwards.</summary>
    public void Dispose()
    {
        _reader.Dispose();
        _length = 0;
        if (_buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = [];
        }
    }
}
