using System;
using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text;
using System.Threading;

namespace ProtocolCore.WebSockets;

/// <summary>
/// The RFC 6455 connection rules of a client, once, without I/O (the sans-IO design of Python's h11 and wsproto):
/// received bytes go in, messages and "frames to send" come out. It answers every ping with a pong, in order; it
/// tracks the closing handshake (echo the peer's close, send nothing after our close); it fails with the right close
/// code; it keeps the keep-alive books from times it is given. No sockets, tasks or clocks: <see cref="WebSocketConnection"/>
/// is its I/O shell and the native codec (<c>pc_codec_*</c>) its ABI shell, so a rule fixed here is fixed for .NET,
/// Python and Go.
/// </summary>
/// <remarks>
/// <para>
/// Receiving: the caller hands <see cref="Receive"/> the bytes it has, gets back one event and the position up to
/// which the bytes are done with, and keeps the rest for the next call (with more bytes appended).
/// </para>
/// <para>
/// Sending: every <c>Write*</c> method writes the pongs owed for pings received so far ahead of its own frame, so a
/// pong always precedes anything sent in reaction to a later message; after our close frame nothing more is written.
/// </para>
/// <para>
/// Threading: one receiver calls <see cref="Receive"/>; one sender at a time (the caller's send lock) calls the
/// <c>Write*</c> methods. The two may run at once: the waiting pongs (<see cref="WebSocketPongQueue"/>) and the
/// "close sent" flag are the state they share, and both are safe for it.
/// </para>
/// </remarks>
internal sealed partial class WebSocketConnectionCore : IDisposable
{
    private readonly WebSocketFrameReaderOptions _frameOptions;
    private readonly WebSocketMessageAssembler _assembler;
    private readonly WebSocketFrameWriter _writer;
    private readonly WebSocketPongQueue _pongs;

    /// <summary>Set by the sender that wrote our close frame; read by the receiver too.</summary>
    private bool _closeSent;

    /// <summary>Reading stopped for good: the peer's close arrived, or it broke the protocol.</summary>
    private bool _readingEnded;

    private WebSocketProtocolError _error;

    /// <param name="frameOptions">What frames to accept (limits, negotiated permessage-deflate).</param>
    /// <param name="assemblerOptions">Message limits.</param>
    /// <param name="inflater">Decompresses permessage-deflate messages; used, not owned. Null when not negotiated.</param>
    /// <param name="keepAlive">Ping bookkeeping; null for none (a caller that never pings).</param>
    /// <param name="writer">Writes our frames; null for one with its own mask keys.</param>
    public WebSocketConnectionCore(
        WebSocketFrameReaderOptions frameOptions,
        WebSocketMessageAssemblerOptions assemblerOptions,
        WebSocketInflater? inflater = null,
        WebSocketKeepAlive? keepAlive = null,
        WebSocketFrameWriter? writer = null)
    {
        ArgumentNullException.ThrowIfNull(frameOptions);
        ArgumentNullException.ThrowIfNull(assemblerOptions);
        _frameOptions = frameOptions;
        _assembler = new WebSocketMessageAssembler(assemblerOptions, inflater);
        _pongs = new WebSocketPongQueue(assemblerOptions.BufferPool);
        KeepAlive = keepAlive;
        _writer = writer ?? new WebSocketFrameWriter();
    }

    public WebSocketConnectionState State =>
        _error != WebSocketProtocolError.None ? WebSocketConnectionState.Failed
        : _readingEnded ? (CloseSent ? WebSocketConnectionState.Closed : WebSocketConnectionState.CloseReceived)
        : CloseSent ? WebSocketConnectionState.CloseSent
        : WebSocketConnectionState.Open;

    /// <summary>Our close frame has been written: no other frame may follow it, and data sends are refused.</summary>
    public bool CloseSent => Volatile.Read(ref _closeSent);

    /// <summary>Why the connection failed; <see cref="WebSocketProtocolError.None"/> unless <see cref="State"/> is Failed.</summary>
    public WebSocketProtocolError Error => _error;

    /// <summary>The peer's close code once its close arrived (<see cref="WebSocketCloseCode.NoStatusReceived"/> when it sent none).</summary>
    public WebSocketCloseCode PeerCloseStatus { get; private set; }

    /// <summary>Keep-alive bookkeeping; null when this connection does not ping.</summary>
    public WebSocketKeepAlive? KeepAlive { get; }

    /// <summary>Pongs are owed; a volatile read, so a sender with nothing owed pays nothing more.</summary>
    public bool HasPendingPongs => _pongs.Count > 0;

    /// <summary>
    /// Reads the next event from <paramref name="buffer"/>: fragments are joined and control frames handled on the way.
    /// </summary>
    /// <param name="buffer">The bytes received and not yet consumed.</param>
    /// <param name="message">The message for <see cref="WebSocketConnectionEvent.Message"/>, the close frame for
    /// <see cref="WebSocketConnectionEvent.CloseReceived"/> (the first time), otherwise default. It may point into
    /// <paramref name="buffer"/> or the assembler's buffer: valid until the next call or until those bytes are released.</param>
    /// <param name="consumed">Where the bytes still needed start: release everything before it.</param>
    public WebSocketConnectionEvent Receive(in ReadOnlySequence<byte> buffer, out WebSocketMessage message, out SequencePosition consumed)
    {
        // The out parameters are written once, on the way out: they may live on the heap (an async shell's state
        // machine), where every write of their object references costs a GC write barrier.
        if (_readingEnded)
        {
            // Nothing is read after the peer's close frame or after a protocol error.
            message = default;
            consumed = buffer.Start;
            return _error != WebSocketProtocolError.None ? WebSocketConnectionEvent.ProtocolError : WebSocketConnectionEvent.CloseReceived;
        }

        ReadOnlySequence<byte> remaining = buffer;
        WebSocketConnectionEvent received;
        WebSocketMessage assembled = default;
        SequencePosition done = buffer.Start;
        while (true)
        {
            FrameParseStatus status = WebSocketFrameReader.TryReadFrame(
                remaining, _frameOptions, out WebSocketFrame frame, out SequencePosition frameEnd, out _, out WebSocketProtocolError error);
            if (status == FrameParseStatus.Incomplete)
            {
                // Fail fast: invalid UTF-8 or a sequencing error in a frame still arriving.
                error = _assembler.CheckPartialFrame(frame);
                received = error == WebSocketProtocolError.None ? WebSocketConnectionEvent.NeedMoreData : Fail(error);
                break;
            }

            if (status == FrameParseStatus.Error)
            {
                received = Fail(error);
                break;
            }

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

            remaining = remaining.Slice(frameEnd);
        }

        message = assembled;
        consumed = done;
        return received;
    }

    /// <summary>
    /// A whole frame, in either receive overload: a ping waits while the pong queue is full (it stays unread until the
    /// waiting pongs are out), anything else goes to the assembler, whose message or control frame ends the read.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private FrameStep TakeFrame(in WebSocketFrame frame, out WebSocketMessage assembled, out WebSocketConnectionEvent received)
    {
        if (frame.Header.Opcode == WebSocketOpcode.Ping && _pongs.IsFull)
        {
            assembled = default;
            received = WebSocketConnectionEvent.PongsBacklogged;
            return FrameStep.StopBefore;
        }

        switch (_assembler.TryAdd(frame, out assembled, out WebSocketProtocolError error))
        {
            case MessageAssemblyStatus.Error:
                received = Fail(error);
                return FrameStep.StopBefore;
            case MessageAssemblyStatus.Message:
                received = WebSocketConnectionEvent.Message;
                return FrameStep.StopAfter;
            case MessageAssemblyStatus.Control:
                received = OnControl(assembled);
                return FrameStep.StopAfter;
            default:
                received = WebSocketConnectionEvent.NeedMoreData;
                return FrameStep.Continue;
        }
    }

    /// <summary>Writes the waiting pongs, oldest first (none after our close frame: they are dropped).</summary>
    public void WritePendingPongs(IBufferWriter<byte> output)
    {
        // Every send passes here: skip the queue's lock when nothing waits. A pong queued after this read answers a
        // ping that arrived after everything this sender reacts to, so it may follow this frame.
        if (_pongs.Count > 0)
        {
            _pongs.Drain(_writer, CloseSent ? null : output);
        }
    }

    /// <summary>Writes one data message (pongs owed first). The caller has checked <see cref="CloseSent"/>.</summary>
    /// <param name="output">Where the frame (after any owed pongs) is written.</param>
    /// <param name="opcode">Text or binary.</param>
    /// <param name="payload">The message, unmasked; it is masked as it is written.</param>
    /// <param name="compressed">The payload is already deflated (permessage-deflate): RSV1 is set.</param>
    /// <exception cref="InvalidOperationException">Our close frame was sent.</exception>
    public void WriteMessage(IBufferWriter<byte> output, WebSocketOpcode opcode, ReadOnlySpan<byte> payload, bool compressed = false)
    {
        if (CloseSent)
        {
            throw new InvalidOperationException("Nothing may be sent after the close frame.");
        }

        WritePendingPongs(output);
        if (compressed)
        {
            _writer.WriteFrame(output, opcode, payload, fin: true, compressed: true);
        }
        else
        {
            _writer.WriteMessage(output, opcode, payload);
        }
    }

    /// <summary>Writes a ping (pongs owed first); false, writing nothing, after our close frame.</summary>
    public bool TryWritePing(IBufferWriter<byte> output, ReadOnlySpan<byte> payload)
    {
        if (CloseSent)
        {
            return false;
        }

        WritePendingPongs(output);
        _writer.WritePing(output, payload);
        return true;
    }

    /// <summary>
    /// Starts or answers the closing handshake with <paramref name="status"/> and <paramref name="reason"/> (cut to the
    /// 123 bytes a close frame allows, on a character boundary); the pongs owed go first. The codes that only report a
    /// local condition (1005, 1006, 1015) never go on the wire: the close then carries no code.
    /// </summary>
    /// <returns>False, writing nothing, when our close frame was already written.</returns>
    public bool TryWriteClose(IBufferWriter<byte> output, WebSocketCloseCode status, string? reason)
    {
        if (CloseSent)
        {
            return false;
        }

        WritePendingPongs(output);
        if (status is WebSocketCloseCode.NoStatusReceived or WebSocketCloseCode.AbnormalClosure or WebSocketCloseCode.TlsHandshakeFailure)
        {
            _writer.WriteClose(output);
        }
        else
        {
            _writer.WriteClose(output, status, Truncate(reason));
        }

        Volatile.Write(ref _closeSent, true);
        return true;
    }

    /// <summary>
    /// Starts the closing handshake with a close frame whose payload is given: empty, or a valid code and a UTF-8 reason
    /// (the caller validated both); the pongs owed go first.
    /// </summary>
    /// <returns>False, writing nothing, when our close frame was already written.</returns>
    public bool TryWriteClose(IBufferWriter<byte> output, ReadOnlySpan<byte> payload)
    {
        if (CloseSent)
        {
            return false;
        }

        WritePendingPongs(output);
        _writer.WriteFrame(output, WebSocketOpcode.Close, payload);
        Volatile.Write(ref _closeSent, true);
        return true;
    }

    /// <summary>
    /// Writes the close this side owes: after a protocol error, a close with the error's code and fixed reason; after
    /// the peer's close, its echo (the peer's code without a reason, or no code when it sent none). False, writing
    /// nothing, when nothing is owed: still open, or our close frame was already written.
    /// </summary>
    public bool TryWriteCloseReply(IBufferWriter<byte> output)
    {
        if (!_readingEnded)
        {
            return false;
        }

        return _error != WebSocketProtocolError.None
            ? TryWriteClose(output, WebSocketProtocolErrors.GetCloseStatus(_error), WebSocketProtocolErrors.GetReason(_error))
            : TryWriteClose(output, PeerCloseStatus, null);
    }

    /// <summary>
    /// The receiver has nothing left to parse and is about to wait for the peer: buffers kept between messages go back to
    /// the pool (the assembler's, unless a fragmented message is in progress), so an idle connection holds none. A
    /// message returned earlier must not be used afterwards.
    /// </summary>
    public void ReleaseIdleBuffers() => _assembler.ReleaseIdleBuffer();

    /// <summary>Returns the assembler's pooled buffer; a message returned earlier must not be used afterwards.</summary>
    public void Dispose() => _assembler.Dispose();

    private WebSocketConnectionEvent OnControl(in WebSocketMessage message)
    {
        switch (message.Opcode)
        {
            case WebSocketOpcode.Ping:
                // RFC 6455 §5.5.3: the pong echoes the ping's application data. Receive checked there is room.
                _pongs.TryAdd(message.Payload);
                return WebSocketConnectionEvent.PingReceived;
            case WebSocketOpcode.Pong:
                KeepAlive?.OnPongReceived();
                return WebSocketConnectionEvent.PongReceived;
            default:
                PeerCloseStatus = message.CloseStatus;
                _readingEnded = true;
                return WebSocketConnectionEvent.CloseReceived;
        }
    }

    private WebSocketConnectionEvent Fail(WebSocketProtocolError error)
    {
        _error = error;
        _readingEnded = true;
        return WebSocketConnectionEvent.ProtocolError;
    }

    /// <summary>Cuts a close reason to the 123 bytes a close frame allows, on a character boundary.</summary>
    private static string? Truncate(string? reason)
    {
        if (reason is null || Encoding.UTF8.GetByteCount(reason) <= WebSocketFrameWriter.MaxCloseReasonLength)
        {
            return reason;
        }

        int length = reason.Length;
        while (length > 0 && Encoding.UTF8.GetByteCount(reason.AsSpan(0, length)) > WebSocketFrameWriter.MaxCloseReasonLength)
        {
            length--;
            if (length > 0 && char.IsHighSurrogate(reason[length - 1]))
            {
                length--;
            }
        }

        return reason[..length];
    }
}
