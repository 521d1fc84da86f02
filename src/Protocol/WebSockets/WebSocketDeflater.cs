using System;
using System.Buffers;
using System.IO;
using System.IO.Compression;

namespace ProtocolCore.WebSockets;

/// <summary>
/// permessage-deflate compression for messages we send (RFC 7692 §7.2.1): each message is deflated and sync-flushed,
/// and the trailing <c>00 00 FF FF</c> is removed. The compressor keeps its window between messages unless the
/// server asked for <c>client_no_context_takeover</c>. System.IO.Compression always uses a 15-bit window, so this is
/// only used when the server allows it (<see cref="WebSocketDeflateParameters.CanCompressOutgoing"/>). Not thread-safe:
/// used under the connection's send lock.
/// </summary>
internal sealed class WebSocketDeflater : IDisposable
{
    private const int TailLength = 4;

    private readonly ArrayBufferWriter<byte> _compressed = new(4096);
    private readonly BufferWriterStream _sink;
    private readonly bool _noContextTakeover;
    private DeflateStream? _deflate;

    /// <summary>Creates a compressor for one connection's outgoing messages.</summary>
    /// <param name="noContextTakeover">True when the server asked for <c>client_no_context_takeover</c>: the window is reset after each message.</param>
    public WebSocketDeflater(bool noContextTakeover)
    {
        _noContextTakeover = noContextTakeover;
        _sink = new BufferWriterStream(_compressed);
    }

    /// <summary>
    /// Compresses one whole message. The result is valid until the next call.
    /// </summary>
    public ReadOnlySpan<byte> Compress(ReadOnlySpan<byte> message)
    {
        _compressed.ResetWrittenCount();
        if (message.IsEmpty)
        {
            // RFC 7692 §7.2.3.6: an empty message is one 0x00 (the header of the sync-flush block whose rest is the
            // stripped tail). DeflateStream would write nothing at all, which the peer cannot inflate.
            return [0x00];
        }

        _deflate ??= new DeflateStream(_sink, CompressionLevel.Fastest, leaveOpen: true);
        _deflate.Write(message);

        // A sync flush ends the data on a byte boundary with an empty stored block: the 00 00 FF FF we strip.
        _deflate.Flush();
        int length = _compressed.WrittenCount;
        if (_noContextTakeover)
        {
            // Disposing writes a final block after the flush; it is not part of the message and is left out below.
            _deflate.Dispose();
            _deflate = null;
        }

        ReadOnlySpan<byte> written = _compressed.WrittenSpan[..length];
        return written.EndsWith((ReadOnlySpan<byte>)[0x00, 0x00, 0xFF, 0xFF]) ? written[..^TailLength] : written;
    }

    /// <summary>Releases the compressor's native zlib state.</summary>
    public void Dispose() => _deflate?.Dispose();

    /// <summary>A write-only stream appending to a buffer writer.</summary>
    private sealed class BufferWriterStream(IBufferWriter<byte> output) : Stream
    {
        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override void Write(ReadOnlySpan<byte> buffer) => output.Write(buffer);

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
