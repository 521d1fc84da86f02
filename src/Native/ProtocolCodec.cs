using System;
using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using ProtocolCore.Events;
using ProtocolCore.Json;
using ProtocolCore.WebSockets;

namespace ProtocolCore.Native;

/// <summary>
/// The sans-IO client codec behind <c>pc_codec_*</c>: bytes received from the server go in through <see cref="Feed"/>,
/// decoded events come out one at a time through <see cref="Next"/>, and requests to send come out of
/// <see cref="EncodeCreate"/>; the caller owns the socket. Pings are answered and a peer's close is echoed into
/// <see cref="TakeOutgoing"/>.
/// </summary>
/// <remarks>
/// <para>
/// The ABI shell of <see cref="WebSocketConnectionCore"/>, the same RFC 6455 rules <see cref="WebSocketConnection"/>
/// runs: the core reads frames, owes pongs and closes and says what may be sent; this class owns the pinned buffers
/// the C caller sees, decodes events and turns the core's outcomes into <see cref="PcStatus"/> codes.
/// </para>
/// <para>
/// Everything <see cref="Next"/> points at lives in pinned arrays owned by this instance: the received bytes (an
/// unfragmented message is decoded where it landed), a copy of a fragmented message, and a scratch area for strings the
/// JSON reader had to unescape. A steady stream of delta events therefore allocates nothing. Pointers stay valid until
/// the next <see cref="Next"/> or <see cref="Feed"/> (the only calls that move or reuse those bytes). Not thread-safe.
/// </para>
/// </remarks>
internal sealed unsafe class ProtocolCodec : IDisposable
{
    private readonly CodecOptions _options;
    private readonly WebSocketConnectionCore _core;
    private readonly ResponsesEventReader _reader = new();

    /// <summary>Received bytes; those not yet parsed are <c>[_start, _input.Length)</c>.</summary>
    private readonly PinnedBuffer _input;

    /// <summary>Fragmented messages of the current pull, copied out of the assembler's (unpinned, pooled) buffer.</summary>
    private readonly PinnedBuffer _message = new();

    /// <summary>Strings of the current pull's events that are not views into <see cref="_input"/> or <see cref="_message"/>.</summary>
    private readonly PinnedBuffer _scratch = new();

    /// <summary>Pongs and close frames to send; cleared on the first write after <see cref="TakeOutgoing"/>.</summary>
    private readonly PinnedBuffer _outgoing = new();

    private readonly PinnedBuffer _encoded = new();

    private int _start;
    private bool _outgoingTaken;
    private byte[] _closeReason = [];

    /// <summary>An error met after some events of a batch; thrown by the next pull.</summary>
    private PcException? _deferred;

    public ProtocolCodec(CodecOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _input = new PinnedBuffer(4096, options.MaxBufferedBytes);
        _core = new WebSocketConnectionCore(
            new WebSocketFrameReaderOptions { MaxFramePayloadLength = options.MaxFrameSize },
            new WebSocketMessageAssemblerOptions { MaxMessageLength = options.MaxMessageSize });
    }

    /// <summary>The peer's close code (0 until a close frame arrived; 1005 when it carried none).</summary>
    public int CloseCode => PeerClosed ? (int)_core.PeerCloseStatus : 0;

    /// <summary>The peer's close frame arrived (whether it started the closing handshake or answered ours).</summary>
    private bool PeerClosed => _core.State is WebSocketConnectionState.CloseReceived or WebSocketConnectionState.Closed;

    /// <summary>The peer's close reason, UTF-8, in pinned memory.</summary>
    public ReadOnlySpan<byte> CloseReason => _closeReason;

    /// <summary>Bytes received and not yet turned into events.</summary>
    public int BufferedBytes => _input.Length - _start;

    /// <summary>How many bytes <see cref="Feed"/> would take now.</summary>
    public int FreeSpace => _options.MaxBufferedBytes - BufferedBytes;

    /// <summary>
    /// Takes as many of <paramref name="data"/> as fit in the buffer (one largest frame). Pulling every event frees the
    /// buffer down to one incomplete frame, so pulling until <see cref="PcStatus.NoEvent"/> always makes room.
    /// </summary>
    /// <returns>How many bytes were taken.</returns>
    public int Feed(ReadOnlySpan<byte> data)
    {
        ThrowIfFailed();

        // The only place received bytes move, so views handed out by Next stay put until here.
        if (_start > 0)
        {
            _input.Array.AsSpan(_start, _input.Length - _start).CopyTo(_input.Array);
            _input.Length -= _start;
            _start = 0;
        }

        int taken = Math.Min(data.Length, _options.MaxBufferedBytes - _input.Length);
        if (taken == 0)
        {
            return 0;
        }

        data[..taken].CopyTo(_input.GetSpan(taken));
        _input.Advance(taken);
        return taken;
    }

    /// <summary>Decodes the next event into <paramref name="result"/>, answering control frames on the way.</summary>
    /// <returns><see cref="PcStatus.Ok"/>, <see cref="PcStatus.NoEvent"/> or <see cref="PcStatus.Closed"/>.</returns>
    /// <exception cref="PcException">Protocol, JSON or unsupported-message errors.</exception>
    public int Next(ref PcEvent result)
    {
        BeginPull();
        return NextInPull(ref result);
    }

    /// <summary>
    /// Decodes up to <paramref name="events"/>.Length events in one call (one crossing of the ABI for many events); all
    /// of them stay valid together until the next pull or feed.
    /// </summary>
    /// <returns>
    /// Why the batch stopped: <see cref="PcStatus.Ok"/> (the span is full), <see cref="PcStatus.NoEvent"/> or
    /// <see cref="PcStatus.Closed"/>. An error after some events is held back and thrown by the next pull, so those
    /// events are not lost.
    /// </returns>
    public int NextBatch(Span<PcEvent> events, out int count)
    {
        fixed (PcEvent* first = events)
        {
            return NextBatch(first, events.Length, sizeof(PcEvent), out count);
        }
    }

    /// <summary>
    /// <see cref="NextBatch(Span{PcEvent}, out int)"/> over caller memory whose elements are <paramref name="stride"/>
    /// bytes apart (a caller built against a later ABI minor has a larger pc_event; this version fills what it knows).
    /// </summary>
    public int NextBatch(PcEvent* events, int capacity, int stride, out int count)
    {
        BeginPull();
        count = 0;
        while (count < capacity)
        {
            var slot = (PcEvent*)((byte*)events + ((long)count * stride));
            int status;
            try
            {
                status = NextInPull(ref *slot);
            }
            catch (PcException e) when (count > 0)
            {
                _deferred = e;
                return PcStatus.Ok;
            }

            if (status != PcStatus.Ok)
            {
                return status;
            }

            count++;
        }

        return PcStatus.Ok;
    }

    /// <summary>Starts a pull: what the previous one handed out is released, and a held-back error comes out first.</summary>
    private void BeginPull()
    {
        _message.Reset();
        _scratch.Reset();
        if (_deferred is { } deferred)
        {
            _deferred = null;
            throw deferred;
        }
    }

    private int NextInPull(ref PcEvent result)
    {
        // One read of the state per event (it is computed from three fields).
        WebSocketConnectionState state = _core.State;
        if (state != WebSocketConnectionState.Open)
        {
            ThrowIfFailed();
            if (PeerClosed)
            {
                return PcStatus.Closed;
            }
        }

        while (true)
        {
            WebSocketConnectionEvent received = _core.ReceiveFromArray(_input.Array, _start, _input.Length - _start, out WebSocketMessage message, out int consumed);
            _start += consumed;
            switch (received)
            {
                case WebSocketConnectionEvent.NeedMoreData:
                    return PcStatus.NoEvent;
                case WebSocketConnectionEvent.Message:
                    return Decode(message, ref result);
                case WebSocketConnectionEvent.PingReceived or WebSocketConnectionEvent.PongsBacklogged:
                    // Each pong goes out as its ping is read, so the core never holds more than one.
                    _core.WritePendingPongs(PrepareOutgoing());
                    continue;
                case WebSocketConnectionEvent.PongReceived:
                    continue;
                case WebSocketConnectionEvent.CloseReceived:
                    OnPeerClose(message);
                    return PcStatus.Closed;
                default:
                    throw Fail();
            }
        }
    }

    /// <summary>Validates a <c>response.create</c> request and frames it as one masked text frame.</summary>
    /// <returns>The frame, valid until the next call to this method.</returns>
    public ReadOnlySpan<byte> EncodeCreate(ReadOnlySpan<byte> utf8Json)
    {
        ThrowIfCannotSend();
        CreateRequestValidator.Validate(utf8Json);
        _encoded.Length = 0;
        _core.WriteMessage(_encoded, WebSocketOpcode.Text, utf8Json);
        return _encoded.Written;
    }

    /// <summary>
    /// Starts a clean close (RFC 6455 §7.1.2): a close frame with <paramref name="code"/> (0 for none) and a UTF-8
    /// reason. Events keep coming until the peer's close reply, which <see cref="Next"/> reports as
    /// <see cref="PcStatus.Closed"/> without answering it again.
    /// </summary>
    /// <returns>The frame, valid until the next encode call.</returns>
    public ReadOnlySpan<byte> EncodeClose(int code, ReadOnlySpan<byte> reason)
    {
        ThrowIfCannotSend();
        if (code == 0 ? !reason.IsEmpty : !WebSocketCloseCodes.IsValidOnWire(code))
        {
            throw new PcException(PcStatus.InvalidArgument, code == 0
                ? "a close without a code cannot carry a reason"
                : $"close code {code} cannot be sent (1000-1003, 1007-1014 or 3000-4999)");
        }

        if (reason.Length > WebSocketFrameWriter.MaxCloseReasonLength || !System.Text.Unicode.Utf8.IsValid(reason))
        {
            throw new PcException(PcStatus.InvalidArgument, $"the close reason must be UTF-8 of at most {WebSocketFrameWriter.MaxCloseReasonLength} bytes");
        }

        Span<byte> payload = stackalloc byte[WebSocketFrameHeader.MaxControlPayloadLength];
        int length = 0;
        if (code != 0)
        {
            System.Buffers.Binary.BinaryPrimitives.WriteUInt16BigEndian(payload, (ushort)code);
            reason.CopyTo(payload[2..]);
            length = 2 + reason.Length;
        }

        _encoded.Length = 0;
        _core.TryWriteClose(_encoded, payload[..length]);
        return _encoded.Written;
    }

    /// <summary>The pongs and close frames queued since the last call; valid until the next <see cref="Next"/> or call to this method.</summary>
    public ReadOnlySpan<byte> TakeOutgoing()
    {
        if (_outgoingTaken)
        {
            _outgoing.Length = 0;
        }

        _outgoingTaken = true;
        return _outgoing.Written;
    }

    /// <summary>The pointer behind <see cref="TakeOutgoing"/>'s span (pinned).</summary>
    public byte* OutgoingPointer => _outgoing.Pointer;

    /// <summary>The pointer behind <see cref="EncodeCreate"/>'s span (pinned).</summary>
    public byte* EncodedPointer => _encoded.Pointer;

    /// <summary>The pointer behind <see cref="CloseReason"/> (pinned).</summary>
    public byte* CloseReasonPointer => (byte*)System.Runtime.CompilerServices.Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(_closeReason));

    public void Dispose()
    {
        _reader.Dispose();
        _core.Dispose();
    }

    private int Decode(in WebSocketMessage message, ref PcEvent result)
    {
        if (message.Opcode != WebSocketOpcode.Text)
        {
            throw new PcException(PcStatus.Unsupported, $"a binary message of {message.Payload.Length} bytes was skipped: the Responses API sends text only");
        }

        ReadOnlyMemory<byte> json;
        byte* jsonPointer;
        ReadOnlySequence<byte> payload = message.Payload;
        if (ReferenceEquals(payload.Start.GetObject(), _input.Array))
        {
            // An unfragmented message, decoded where it landed. A sequence over one array has the array as its start
            // object and array indexes as its positions (a segmented one has a segment there), so no slicing is needed.
            int offset = payload.Start.GetInteger();
            json = _input.Array.AsMemory(offset, payload.End.GetInteger() - offset);
            jsonPointer = _input.Pointer + offset;
        }
        else
        {
            // Appended, not overwritten: earlier events of the same batch may point into this buffer.
            int offset = _message.Length;
            int length = (int)message.Payload.Length;
            message.Payload.CopyTo(_message.GetSpan(length));
            _message.Advance(length);
            json = _message.Array.AsMemory(offset, length);
            jsonPointer = _message.Pointer + offset;
        }

        ResponsesEvent e;
        try
        {
            e = _reader.Read(json);
        }
        catch (ProtocolJsonException ex)
        {
            throw new PcException(PcStatus.Json, $"event skipped: {ex.Message} (byte {ex.BytePosition})");
        }

        Fill(e, jsonPointer, json.Length, ref result);
        return PcStatus.Ok;
    }

    private void Fill(ResponsesEvent e, byte* json, int jsonLength, ref PcEvent result)
    {
        int kind = EventKinds.ToAbiKind(e.Kind);
        EventFields.Read(e, out Utf8Text? itemId, out int? outputIndex, out int? contentIndex, out Utf8Text? delta);
        if (kind == 0)
        {
            // SetHeader copies an unknown type into the scratch area, which must have the room.
            _scratch.EnsureCapacity(_scratch.Length + PcEvent.TypeCopyLength(e, kind));
        }

        result.SetHeader(e, kind, outputIndex, contentIndex, json, jsonLength, _scratch);
        result.ItemId = Place(itemId, out result.ItemIdLength);
        result.Delta = Place(delta, out result.DeltaLength);
    }

    /// <summary>
    /// Where <paramref name="text"/> can be handed out: its own address if it lies in the receive buffer or the
    /// fragmented-message buffer (both pinned), otherwise a copy in the scratch area (text the reader unescaped into its
    /// unpinned scratch); null when absent, non-null when empty. Located once, by address range: text outside the pinned
    /// buffers is never dereferenced through its address.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private byte* Place(in Utf8Text? text, out nuint length)
    {
        if (text is not { } value)
        {
            length = 0;
            return null;
        }

        ReadOnlySpan<byte> span = value.Span;
        length = (nuint)span.Length;
        byte* address = (byte*)Unsafe.AsPointer(ref MemoryMarshal.GetReference(span));
        return IsWithin(address, span.Length, _input) || IsWithin(address, span.Length, _message) ? address : CopyToScratch(span);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsWithin(byte* address, int length, PinnedBuffer buffer)
    {
        byte* start = buffer.Pointer;
        return address >= start && address + length <= start + buffer.Array.Length;
    }

    /// <summary>
    /// Appends <paramref name="text"/> to the scratch area. Growing it keeps the outgrown array alive until the next pull,
    /// so what earlier events of the batch point at stays valid.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private byte* CopyToScratch(ReadOnlySpan<byte> text)
    {
        text.CopyTo(_scratch.GetSpan(text.Length));
        byte* destination = _scratch.Pointer + _scratch.Length;
        _scratch.Advance(text.Length);
        return destination;
    }

    /// <summary>Keeps the peer's close reason (pinned, for <see cref="CloseReasonPointer"/>) and queues the echo the core owes.</summary>
    private void OnPeerClose(in WebSocketMessage message)
    {
        ReadOnlySequence<byte> reason = message.CloseReason;
        _closeReason = GC.AllocateUninitializedArray<byte>((int)reason.Length, pinned: true);
        reason.CopyTo(_closeReason);

        // RFC 6455 §5.5.1: reply with a close echoing the status code, unless this is the reply to the close we sent.
        if (!_core.CloseSent)
        {
            _core.TryWriteCloseReply(PrepareOutgoing());
        }
    }

    private PinnedBuffer PrepareOutgoing()
    {
        if (_outgoingTaken)
        {
            _outgoing.Length = 0;
            _outgoingTaken = false;
        }

        return _outgoing;
    }

    /// <summary>The peer broke the protocol: queues the close the core owes, and every later call reports the failure.</summary>
    private PcException Fail()
    {
        if (!_core.CloseSent)
        {
            _core.TryWriteCloseReply(PrepareOutgoing());
        }

        return new PcException(PcStatus.Protocol, $"protocol error: {FailureReason}");
    }

    private string FailureReason => WebSocketProtocolErrors.GetReason(_core.Error);

    private void ThrowIfCannotSend()
    {
        if (_core.State != WebSocketConnectionState.Open)
        {
            throw new PcException(PcStatus.InvalidState, _core.State switch
            {
                WebSocketConnectionState.Failed => $"the connection failed ({FailureReason}): nothing more can be sent",
                WebSocketConnectionState.CloseReceived or WebSocketConnectionState.Closed => "the peer closed the connection: nothing more can be sent",
                _ => "a close frame was sent: nothing more can be sent",
            });
        }
    }

    private void ThrowIfFailed()
    {
        if (_core.State == WebSocketConnectionState.Failed)
        {
            throw new PcException(PcStatus.Protocol, $"the connection failed earlier: {FailureReason}");
        }
    }
}
