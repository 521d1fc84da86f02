using System;
using System.Buffers;
using System.Diagnostics;

namespace ProtocolCore.WebSockets;

/// <summary>
/// Turns the frames of one connection (server to client) into messages: checks continuation order, joins the
/// fragments of a text or binary message, validates UTF-8 across fragment boundaries, enforces the message size
/// limit before copying, and hands control frames (ping, pong, close), which may arrive between fragments, straight
/// through.
/// </summary>
/// <remarks>
/// An unfragmented message is returned as the frame's own payload slice: no copy. Fragments are copied into one
/// buffer rented from <see cref="ArrayPool{T}.Shared"/> and kept for the next message (up to
/// <see cref="WebSocketMessageAssemblerOptions.MaxRetainedBufferLength"/>), so a steady stream allocates nothing.
/// Not thread-safe: the receive loop owns it. After an error the connection must be failed; <see cref="Reset"/>
/// clears the state if the instance is reused.
/// <para>
/// With a <see cref="WebSocketInflater"/> (permessage-deflate negotiated), a message whose first frame has RSV1 set
/// is inflated frame by frame into the pooled buffer; the decompressed size counts against the message limit as it
/// grows (a zip bomb fails with 1009 after at most one buffer of output), and text is validated as it comes out.
/// </para>
/// </remarks>
internal sealed class WebSocketMessageAssembler : IDisposable
{
    private readonly WebSocketMessageAssemblerOptions _options;

    /// <summary>Decompresses RSV1 messages; null when permessage-deflate was not negotiated.</summary>
    private readonly WebSocketInflater? _inflater;

    /// <summary>True while the message in progress is compressed (its first frame had RSV1).</summary>
    private bool _compressed;

    /// <summary>Pooled storage for the fragments of the message in progress; null until a fragmented message arrives.</summary>
    private byte[]? _buffer;

    /// <summary>Bytes of <see cref="_buffer"/> holding the message in progress (or the one just delivered).</summary>
    private int _length;

    /// <summary>True between a Text/Binary frame without FIN and the continuation with FIN.</summary>
    private bool _inProgress;

    /// <summary>Text or Binary: the opcode of the first frame of the message in progress.</summary>
    private WebSocketOpcode _opcode;

    /// <summary>
    /// Set when a message delivered from <see cref="_buffer"/> made it larger than the retention limit: the buffer is
    /// returned on the next call, once the caller is done with the message that points into it.
    /// </summary>
    private bool _releaseBufferOnNextCall;

    /// <summary>UTF-8 state of the text message in progress after its last complete frame.</summary>
    private Utf8StreamValidator _utf8;

    /// <summary>UTF-8 state after the first <see cref="_partialValidated"/> bytes of a frame not yet complete.</summary>
    private Utf8StreamValidator _partialUtf8;

    /// <summary>Payload bytes of the incomplete frame already checked by <see cref="CheckPartialFrame"/>; 0 if none.</summary>
    private long _partialValidated;

    /// <summary>The header of the incomplete frame behind <see cref="_partialValidated"/>, to match it with its completion.</summary>
    private WebSocketFrameHeader _partialHeader;

    /// <summary>Creates an assembler with the default limits (<see cref="WebSocketMessageAssemblerOptions.Default"/>) and no decompression.</summary>
    public WebSocketMessageAssembler()
        : this(WebSocketMessageAssemblerOptions.Default)
    {
    }

    /// <summary>Creates an assembler with the given limits and no decompression.</summary>
    /// <param name="options">Limits.</param>
    public WebSocketMessageAssembler(WebSocketMessageAssemblerOptions options)
        : this(options, inflater: null)
    {
    }

    /// <param name="options">Limits.</param>
    /// <param name="inflater">Decompresses RSV1 messages; the assembler uses it but does not own it.</param>
    public WebSocketMessageAssembler(WebSocketMessageAssemblerOptions options, WebSocketInflater? inflater)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _inflater = inflater;
    }

    /// <summary>True while a fragmented message has started and not finished.</summary>
    public bool IsMessageInProgress => _inProgress;

    /// <summary>
    /// Adds a complete frame read by <see cref="WebSocketFrameReader"/> (unmasked: frames from a server).
    /// </summary>
    /// <param name="frame">The frame; its payload slice must stay valid until <paramref name="message"/> is used.</param>
    /// <param name="message">The message or control frame when the status says so; see <see cref="WebSocketMessage"/> for its lifetime.</param>
    /// <param name="error">The violation when the status is <see cref="MessageAssemblyStatus.Error"/>.</param>
    public MessageAssemblyStatus TryAdd(in WebSocketFrame frame, out WebSocketMessage message, out WebSocketProtocolError error)
    {
        message = default;
        if (_releaseBufferOnNextCall)
        {
            ReturnBuffer();
        }

        WebSocketFrameHeader header = frame.Header;
        error = CheckSequence(header);
        if (error != WebSocketProtocolError.None)
        {
            return MessageAssemblyStatus.Error;
        }

        ReadOnlySequence<byte> payload = frame.Payload;
        Debug.Assert(payload.Length == header.PayloadLength, "The payload slice does not match the header.");

        if (header.IsControl)
        {
            return AddControl(header.Opcode, payload, out message, out error);
        }

        if (header.Rsv1 || (header.Opcode == WebSocketOpcode.Continuation && _compressed))
        {
            return AddCompressed(header, payload, out message, out error);
        }

        bool isText = header.Opcode == WebSocketOpcode.Text
            || (header.Opcode == WebSocketOpcode.Continuation && _opcode == WebSocketOpcode.Text);
        if (isText && !ValidateUtf8(header, payload))
        {
            error = WebSocketProtocolError.InvalidUtf8;
            return MessageAssemblyStatus.Error;
        }

        _partialValidated = 0;
        if (header.Opcode != WebSocketOpcode.Continuation)
        {
            if (header.Fin)
            {
                if (isText && !_utf8.IsComplete)
                {
                    error = WebSocketProtocolError.InvalidUtf8;
                    return MessageAssemblyStatus.Error;
                }

                // The common case: a whole message in one frame is handed on as the frame's own slice.
                message = new WebSocketMessage(header.Opcode, payload);
                return MessageAssemblyStatus.Message;
            }

            _inProgress = true;
            _opcode = header.Opcode;
            _length = 0;
        }

        Append(payload);
        if (!header.Fin)
        {
            return MessageAssemblyStatus.Incomplete;
        }

        if (isText && !_utf8.IsComplete)
        {
            error = WebSocketProtocolError.InvalidUtf8;
            return MessageAssemblyStatus.Error;
        }

        _inProgress = false;
        message = new WebSocketMessage(_opcode, new ReadOnlySequence<byte>(_buffer ?? [], 0, _length));
        _releaseBufferOnNextCall = _buffer is not null && _buffer.Length > _options.MaxRetainedBufferLength;
        return MessageAssemblyStatus.Message;
    }

    /// <summary>
    /// Checks the part of a frame received so far, as <see cref="WebSocketFrameReader"/> reports it with
    /// <see cref="FrameParseStatus.Incomplete"/> once the header is complete. Sequencing and size errors, and invalid
    /// UTF-8 inside a large text frame, are then found as soon as their bytes arrive instead of when the frame ends.
    /// Call it with growing prefixes of the same frame, then <see cref="TryAdd"/> with the complete frame, which
    /// continues from where this stopped.
    /// </summary>
    /// <returns><see cref="WebSocketProtocolError.None"/>, or the violation found.</returns>
    public WebSocketProtocolError CheckPartialFrame(in WebSocketFrame partialFrame)
    {
        WebSocketFrameHeader header = partialFrame.Header;
        if (header.HeaderLength == 0)
        {
            return WebSocketProtocolError.None;
        }

        WebSocketProtocolError error = CheckSequence(header);
        if (error != WebSocketProtocolError.None || header.IsControl)
        {
            return error;
        }

        if (header.Rsv1 || (header.Opcode == WebSocketOpcode.Continuation && _compressed))
        {
            // Compressed bytes say nothing about UTF-8; the inflated text is validated when the frame completes.
            return WebSocketProtocolError.None;
        }

        bool isText = header.Opcode == WebSocketOpcode.Text
            || (header.Opcode == WebSocketOpcode.Continuation && _opcode == WebSocketOpcode.Text);
        if (!isText)
        {
            return WebSocketProtocolError.None;
        }

        if (_partialValidated == 0 || !IsSameFrame(_partialHeader, header))
        {
            _partialHeader = header;
            _partialValidated = 0;
            _partialUtf8 = header.Opcode == WebSocketOpcode.Text ? default : _utf8;
        }

        ReadOnlySequence<byte> received = partialFrame.Payload;
        if (received.Length > _partialValidated)
        {
            if (!_partialUtf8.TryValidate(received.Slice(_partialValidated)))
            {
                return WebSocketProtocolError.InvalidUtf8;
            }

            _partialValidated = received.Length;
        }

        return WebSocketProtocolError.None;
    }

    /// <summary>Forgets any message in progress (the pooled buffer is kept).</summary>
    public void Reset()
    {
        _inProgress = false;
        if (_compressed)
        {
            _compressed = false;
            _inflater?.Reset();
        }

        _length = 0;
        _partialValidated = 0;
        _utf8.Reset();
    }

    /// <summary>Returns the pooled buffer. A message returned earlier must not be used afterwards.</summary>
    public void Dispose()
    {
        Reset();
        ReturnBuffer();
    }

    /// <summary>Header-only checks, shared by complete and partial frames.</summary>
    private WebSocketProtocolError CheckSequence(in WebSocketFrameHeader header)
    {
        if (header.Masked)
        {
            return WebSocketProtocolError.MaskedFrameFromServer;
        }

        if (header.Rsv1 && _inflater is null)
        {
            // permessage-deflate frames need an inflater, which only a negotiated extension provides.
            return WebSocketProtocolError.UnexpectedCompressedFrame;
        }

        // A compressed frame's length says little about the message: the decompressed bytes are counted instead.
        bool compressed = header.Rsv1 || (header.Opcode == WebSocketOpcode.Continuation && _compressed);

        switch (header.Opcode)
        {
            case WebSocketOpcode.Text or WebSocketOpcode.Binary:
                if (_inProgress)
                {
                    return WebSocketProtocolError.DataFrameInsideFragmentedMessage;
                }

                return !compressed && header.PayloadLength > _options.MaxMessageLength ? WebSocketProtocolError.MessageTooLarge : WebSocketProtocolError.None;

            case WebSocketOpcode.Continuation:
                if (!_inProgress)
                {
                    return WebSocketProtocolError.ContinuationWithoutStart;
                }

                return !compressed && header.PayloadLength > _options.MaxMessageLength - _length ? WebSocketProtocolError.MessageTooLarge : WebSocketProtocolError.None;

            default:
                return WebSocketProtocolError.None;
        }
    }

    /// <summary>A frame of a compressed message: inflate it into the pooled buffer, counting and validating the output.</summary>
    private MessageAssemblyStatus AddCompressed(
        in WebSocketFrameHeader header,
        in ReadOnlySequence<byte> payload,
        out WebSocketMessage message,
        out WebSocketProtocolError error)
    {
        Debug.Assert(_inflater is not null, "CheckSequence lets compressed frames through only with an inflater.");
        message = default;
        bool first = header.Opcode != WebSocketOpcode.Continuation;
        if (first)
        {
            _inProgress = true;
            _compressed = true;
            _opcode = header.Opcode;
            _length = 0;
            _utf8.Reset();
        }

        _partialValidated = 0;
        error = Inflate(payload, first, header.Fin, _opcode == WebSocketOpcode.Text);
        if (error != WebSocketProtocolError.None)
        {
            return MessageAssemblyStatus.Error;
        }

        if (!header.Fin)
        {
            return MessageAssemblyStatus.Incomplete;
        }

        if (_opcode == WebSocketOpcode.Text && !_utf8.IsComplete)
        {
            error = WebSocketProtocolError.InvalidUtf8;
            return MessageAssemblyStatus.Error;
        }

        _inProgress = false;
        _compressed = false;
        message = new WebSocketMessage(_opcode, new ReadOnlySequence<byte>(_buffer ?? [], 0, _length));
        _releaseBufferOnNextCall = _buffer is not null && _buffer.Length > _options.MaxRetainedBufferLength;
        return MessageAssemblyStatus.Message;
    }

    private WebSocketProtocolError Inflate(in ReadOnlySequence<byte> payload, bool first, bool last, bool isText)
    {
        _inflater!.SetInput(payload, first, last);
        int max = _options.MaxMessageLength;
        while (true)
        {
            int limit = Math.Min(_buffer?.Length ?? 0, max);
            if (_length >= limit)
            {
                if (_length >= max)
                {
                    // At the limit: one more byte of output means the message is too big.
                    Span<byte> probe = stackalloc byte[1];
                    int extra = _inflater.Inflate(probe, out WebSocketProtocolError probeError);
                    return probeError != WebSocketProtocolError.None ? probeError
                        : extra > 0 ? WebSocketProtocolError.MessageTooLarge
                        : WebSocketProtocolError.None;
                }

                Grow(_length + 1);
                limit = Math.Min(_buffer!.Length, max);
            }

            Span<byte> destination = _buffer.AsSpan(_length, limit - _length);
            int written = _inflater.Inflate(destination, out WebSocketProtocolError error);
            if (error != WebSocketProtocolError.None)
            {
                return error;
            }

            if (written == 0)
            {
                return WebSocketProtocolError.None;
            }

            if (isText && !_utf8.TryValidate(destination[..written]))
            {
                return WebSocketProtocolError.InvalidUtf8;
            }

            _length += written;
        }
    }

    private static MessageAssemblyStatus AddControl(
        WebSocketOpcode opcode,
        in ReadOnlySequence<byte> payload,
        out WebSocketMessage message,
        out WebSocketProtocolError error)
    {
        if (opcode == WebSocketOpcode.Close)
        {
            error = WebSocketClosePayload.TryParse(payload, out WebSocketCloseCode status, out _);
            if (error != WebSocketProtocolError.None)
            {
                message = default;
                return MessageAssemblyStatus.Error;
            }

            message = new WebSocketMessage(opcode, payload, status);
            return MessageAssemblyStatus.Control;
        }

        error = WebSocketProtocolError.None;
        message = new WebSocketMessage(opcode, payload);
        return MessageAssemblyStatus.Control;
    }

    /// <summary>Validates a text frame's payload, continuing from <see cref="CheckPartialFrame"/> when it saw a prefix.</summary>
    private bool ValidateUtf8(in WebSocketFrameHeader header, in ReadOnlySequence<byte> payload)
    {
        if (_partialValidated > 0 && IsSameFrame(_partialHeader, header))
        {
            _utf8 = _partialUtf8;
            return _utf8.TryValidate(payload.Slice(_partialValidated));
        }

        if (header.Opcode == WebSocketOpcode.Text)
        {
            _utf8.Reset();
        }

        return _utf8.TryValidate(payload);
    }

    private void Append(in ReadOnlySequence<byte> payload)
    {
        // CheckSequence bounded the total by MaxMessageLength (≤ Array.MaxLength), so this cannot overflow.
        int needed = _length + (int)payload.Length;
        if (_buffer is null || needed > _buffer.Length)
        {
            Grow(needed);
        }

        payload.CopyTo(_buffer.AsSpan(_length));
        _length = needed;
    }

    private void Grow(int needed)
    {
        const int MinimumLength = 4096;
        int current = _buffer?.Length ?? 0;
        long doubled = Math.Max((long)current * 2, MinimumLength);
        int length = (int)Math.Min(Math.Max(doubled, needed), Math.Max(_options.MaxMessageLength, needed));

        byte[] larger = _options.BufferPool.Rent(length);
        if (_buffer is not null)
        {
            _buffer.AsSpan(0, _length).CopyTo(larger);
            _options.BufferPool.Return(_buffer);
        }

        _buffer = larger;
    }

    /// <summary>
    /// Between messages, returns the fragment buffer to the pool instead of keeping it for the next fragmented message:
    /// the connection is going idle. A message returned earlier must not be used afterwards.
    /// </summary>
    internal void ReleaseIdleBuffer()
    {
        if (!_inProgress)
        {
            ReturnBuffer();
        }
    }

    private void ReturnBuffer()
    {
        _releaseBufferOnNextCall = false;
        if (_buffer is not null)
        {
            _options.BufferPool.Return(_buffer);
            _buffer = null;
        }
    }

    private static bool IsSameFrame(in WebSocketFrameHeader a, in WebSocketFrameHeader b) =>
        a.Opcode == b.Opcode && a.Fin == b.Fin && a.PayloadLength == b.PayloadLength && a.HeaderLength == b.HeaderLength;
}
