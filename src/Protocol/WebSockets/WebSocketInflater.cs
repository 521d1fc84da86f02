using System;
using System.Buffers;
using System.IO;
using System.IO.Compression;

namespace ProtocolCore.WebSockets;

/// <summary>
/// permessage-deflate decompression (RFC 7692 §7.2.2) over <see cref="DeflateStream"/>: the compressed frames of a
/// message are fed in as they arrive, and after the last one the 4-byte tail <c>00 00 FF FF</c> that the sender
/// removed is fed back, so the sync-flushed block ends and every byte of the message comes out. Output goes into
/// spans the caller owns (the assembler's pooled buffer), a piece at a time, so the caller counts decompressed bytes
/// against its message limit as they appear and stops a zip bomb after at most one piece over the limit.
/// </summary>
/// <remarks>
/// The LZ77 window is kept between messages, which is what context takeover needs; a server that resets its
/// compressor (<c>server_no_context_takeover</c>) never refers back, so keeping the window is still correct. A
/// message that ends the deflate stream (a block with BFINAL set) is noticed at the next message, which then starts
/// a fresh stream. Not thread-safe: owned by the receive loop.
/// </remarks>
internal sealed class WebSocketInflater : IDisposable
{
    private static ReadOnlySpan<byte> Tail => [0x00, 0x00, 0xFF, 0xFF];

    private readonly FrameInput _input = new();

    /// <summary>Decompresses <see cref="_input"/>; replaced when a message ended the deflate stream.</summary>
    private DeflateStream _deflate;

    /// <summary>True from the first frame of a message until its first output or input consumption.</summary>
    private bool _messageStart;

    /// <summary>Creates a decompressor with an empty window, ready for a connection's first compressed message.</summary>
    public WebSocketInflater()
    {
        _deflate = CreateStream();
    }

    /// <summary>Feeds the compressed payload of the next frame of a message.</summary>
    /// <param name="compressed">The frame's payload; it must stay valid until <see cref="Inflate"/> returns 0.</param>
    /// <param name="firstFrame">True for the first frame of a message.</param>
    /// <param name="lastFrame">True for the frame with FIN: the tail is appended after it.</param>
    public void SetInput(in ReadOnlySequence<byte> compressed, bool firstFrame, bool lastFrame)
    {
        _input.Set(compressed, lastFrame);
        _messageStart = firstFrame;
    }

    /// <summary>
    /// Decompresses into <paramref name="destination"/>. Call until it returns 0: the frame's input is then used up.
    /// </summary>
    /// <returns>The number of bytes written; 0 when all input was consumed (or on error).</returns>
    public int Inflate(Span<byte> destination, out WebSocketProtocolError error)
    {
        error = WebSocketProtocolError.None;
        try
        {
            int written = _deflate.Read(destination);
            if (written == 0 && _messageStart && _input.Served == 0 && _input.Remaining > 0)
            {
                // The previous message ended the deflate stream (BFINAL): this message starts a new one.
                _deflate.Dispose();
                _deflate = CreateStream();
                written = _deflate.Read(destination);
            }

            if (written > 0 || _input.Served > 0)
            {
                _messageStart = false;
            }

            return written;
        }
        catch (InvalidDataException)
        {
            error = WebSocketProtocolError.InvalidCompressedData;
            Reset();
            return 0;
        }
    }

    /// <summary>Forgets the window and any partial input (after an error, or to reuse the instance).</summary>
    public void Reset()
    {
        _input.Set(ReadOnlySequence<byte>.Empty, appendTail: false);
        _deflate.Dispose();
        _deflate = CreateStream();
    }

    /// <summary>Releases the decompressor's native zlib state.</summary>
    public void Dispose() => _deflate.Dispose();

    private DeflateStream CreateStream() => new(_input, CompressionMode.Decompress, leaveOpen: true);

    /// <summary>A read-only stream over the current frame's payload, then the tail when the frame ends the message.</summary>
    private sealed class FrameInput : Stream
    {
        private ReadOnlySequence<byte> _data;
        private bool _appendTail;
        private int _tailOffset;

        /// <summary>Bytes handed to the deflate stream since the last <see cref="Set"/>.</summary>
        public long Served { get; private set; }

        public long Remaining => _data.Length + (_appendTail ? Tail.Length - _tailOffset : 0);

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public void Set(in ReadOnlySequence<byte> data, bool appendTail)
        {
            _data = data;
            _appendTail = appendTail;
            _tailOffset = 0;
            Served = 0;
        }

        public override int Read(Span<byte> buffer)
        {
            int count = 0;
            if (!_data.IsEmpty)
            {
                count = (int)Math.Min(_data.Length, buffer.Length);
                _data.Slice(0, count).CopyTo(buffer);
                _data = _data.Slice(count);
            }

            if (_appendTail && _data.IsEmpty && count < buffer.Length)
            {
                int tail = Math.Min(Tail.Length - _tailOffset, buffer.Length - count);
                Tail.Slice(_tailOffset, tail).CopyTo(buffer[count..]);
                _tailOffset += tail;
                count += tail;
            }

            Served += count;
            return count;
        }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
