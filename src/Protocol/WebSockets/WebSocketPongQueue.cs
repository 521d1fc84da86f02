using System;
using System.Buffers;
using System.Runtime.CompilerServices;
using System.Threading;

namespace ProtocolCore.WebSockets;

/// <summary>
/// The pongs a connection owes, oldest first: a ring of <see cref="Capacity"/> slots of 125 bytes, so every ping gets
/// its pong, in arrival order, as peers that count them expect, without memory growing under a ping flood.
/// </summary>
/// <remarks>
/// The one part of <see cref="WebSocketConnectionCore"/> two threads touch: the receiver adds, a sender (holding the
/// connection's send lock) takes. A short lock guards the slots; <see cref="Count"/> is read without it, so a send
/// with no pong waiting costs one volatile read.
/// <para>
/// The slots are rented when a ping arrives and returned once every pong is out: a connection with no pong owed (almost
/// always) holds no buffer.
/// </para>
/// </remarks>
internal sealed class WebSocketPongQueue
{
    /// <summary>How many pongs may wait; a ping beyond that waits in the receive buffer until they are written.</summary>
    public const int Capacity = 8;

    private const int SlotLength = WebSocketFrameHeader.MaxControlPayloadLength;

    private readonly ArrayPool<byte> _pool;
    private readonly Lock _gate = new();

    /// <summary>The payloads, slot by slot; rented while a pong is owed, otherwise null.</summary>
    private byte[]? _payloads;

    private LengthsBuffer _lengths;
    private int _head;
    private int _count;

    /// <param name="pool">Where the slots are rented from while pongs are owed; null for <see cref="ArrayPool{T}.Shared"/>.</param>
    public WebSocketPongQueue(ArrayPool<byte>? pool = null)
    {
        _pool = pool ?? ArrayPool<byte>.Shared;
    }

    /// <summary>How many pongs wait (a snapshot: the receiver may add one right after).</summary>
    public int Count => Volatile.Read(ref _count);

    public bool IsFull => Count == Capacity;

    /// <summary>Keeps a ping's payload (at most 125 bytes, the frame reader enforces it) for its pong; false when full.</summary>
    public bool TryAdd(in ReadOnlySequence<byte> payload)
    {
        lock (_gate)
        {
            if (_count == Capacity)
            {
                return false;
            }

            _payloads ??= _pool.Rent(Capacity * SlotLength);
            int slot = (_head + _count) % Capacity;
            payload.CopyTo(_payloads.AsSpan(slot * SlotLength, SlotLength));
            _lengths[slot] = (int)payload.Length;
            Volatile.Write(ref _count, _count + 1);
            return true;
        }
    }

    /// <summary>
    /// Takes every waiting pong, oldest first: each is written with <paramref name="writer"/> into
    /// <paramref name="output"/>, or dropped when <paramref name="output"/> is null (nothing may follow our close).
    /// </summary>
    public void Drain(WebSocketFrameWriter writer, IBufferWriter<byte>? output)
    {
        lock (_gate)
        {
            while (_count > 0)
            {
                if (output is not null)
                {
                    writer.WritePong(output, _payloads.AsSpan(_head * SlotLength, _lengths[_head]));
                }

                _head = (_head + 1) % Capacity;
                Volatile.Write(ref _count, _count - 1);
            }

            if (_payloads is { } payloads)
            {
                _payloads = null;
                _pool.Return(payloads);
            }
        }
    }

    /// <summary>The payload lengths, inline: nothing to allocate for them.</summary>
    [InlineArray(Capacity)]
    private struct LengthsBuffer
    {
        private int _element;
    }
}
