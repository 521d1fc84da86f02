using System;
using System.Buffers;
using System.Runtime.CompilerServices;

namespace ProtocolCore.WebSockets;

internal sealed partial class WebSocketConnectionCore
{
    /// <summary>
    /// <see cref="Receive(in ReadOnlySequence{byte}, out WebSocketMessage, out SequencePosition)"/> for bytes held in one
    /// array (the native codec's receive buffer): the same events, rules and outcomes, without the sequence slicing that
    /// an array-backed <see cref="ReadOnlySequence{T}"/> pays on every frame (its non-inlined first-span and slice paths).
    /// </summary>
    /// <param name="buffer">The array holding the bytes.</param>
    /// <param name="offset">Where the bytes not yet consumed start.</param>
    /// <param name="count">How many bytes there are.</param>
    /// <param name="message">As for the sequence overload; a message of one frame is a slice of <paramref name="buffer"/>.</param>
    /// <param name="consumed">How many of the <paramref name="count"/> bytes are done with.</param>
    // Inlined into the codec's pull, so the message is written to its local without the GC write barriers an out
    // parameter of unknown location costs.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public WebSocketConnectionEvent ReceiveFromArray(byte[] buffer, int offset, int count, out WebSocketMessage message, out int consumed)
    {
        ArgumentNullException.ThrowIfNull(buffer);
        ArgumentOutOfRangeException.ThrowIfGreaterThan((uint)offset + (ulong)(uint)count, (ulong)buffer.Length, nameof(count));
        if (_readingEnded)
        {
            message = default;
            consumed = 0;
            return _error != WebSocketProtocolError.None ? WebSocketConnectionEvent.ProtocolError : WebSocketConnectionEvent.CloseReceived;
        }

        int end = offset + count;
        int position = offset;
        WebSocketConnectionEvent received;
        WebSocketMessage assembled = default;
        int done = offset;
        while (true)
        {
            FrameParseStatus status = WebSocketFrameReader.TryParseHeader(
                buffer.AsSpan(position, end - position), _frameOptions, out WebSocketFrameHeader header, out WebSocketProtocolError error);
            if (status == FrameParseStatus.Error)
            {
                received = Fail(error);
                break;
            }

            int payloadStart = position + header.HeaderLength;
            if (status == FrameParseStatus.Incomplete || end - payloadStart < header.PayloadLength)
            {
                received = OnIncompleteFrame(buffer, status == FrameParseStatus.Complete, header, payloadStart, end);
                break;
            }

            // The frame is complete; from here on exactly as the sequence overload.
            int frameEnd = payloadStart + (int)header.PayloadLength;
            var frame = new WebSocketFrame(header, new ReadOnlySequence<byte>(buffer, payloadStart, frameEnd - payloadStart));
            FrameStep step = TakeFrame(frame, out assembled, out received);
            if (step == FrameStep.StopBefore)
            {
                break;
            }

            done = frameEnd;
            if (step == FrameStep.StopAfter)
            {
                break;
            }

            position = frameEnd;
        }

        message = assembled;
        consumed = done - offset;
        return received;
    }

    /// <summary>
    /// The frame at the end of the buffer is not complete: checked as the sequence overload checks what TryReadFrame
    /// reports then (nothing without a whole header; the header and the payload so far with one). Out of line, so the
    /// frame it builds does not enlarge the hot loop's stack frame.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private WebSocketConnectionEvent OnIncompleteFrame(byte[] buffer, bool hasHeader, in WebSocketFrameHeader header, int payloadStart, int end)
    {
        WebSocketFrame partial = hasHeader
            ? new WebSocketFrame(header, new ReadOnlySequence<byte>(buffer, payloadStart, end - payloadStart))
            : default;
        WebSocketProtocolError error = _assembler.CheckPartialFrame(partial);
        return error == WebSocketProtocolError.None ? WebSocketConnectionEvent.NeedMoreData : Fail(error);
    }
}
