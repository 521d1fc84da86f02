using System;
using System.Buffers.Binary;
using System.Security.Cryptography;

namespace ProtocolCore.WebSockets;

/// <summary>
/// Fresh, unpredictable mask keys (RFC 6455 §5.3 requires a strong source) at the cost of a buffer read: one
/// <see cref="RandomNumberGenerator.Fill"/> call yields 64 keys. Calling the RNG per frame costs ~0.8 µs; a key
/// from the buffer ~2 ns, so 64 keys per call make the RNG ~13 ns per frame, for 256 bytes a connection keeps (a
/// client sends a few frames per turn; thousands of idle connections should not keep 4 KiB each). Not thread-safe:
/// one instance per writer.
/// </summary>
internal sealed class MaskKeySource
{
    /// <summary>Bytes drawn from the CSPRNG at a time: 64 keys.</summary>
    public const int BufferSize = 256;

    /// <summary>Random bytes not yet handed out start at <see cref="_offset"/>.</summary>
    private readonly byte[] _buffer = new byte[BufferSize];

    /// <summary>Next unused byte of <see cref="_buffer"/>; equal to its length when a refill is due (also at start).</summary>
    private int _offset = BufferSize;

    /// <summary>How many times the buffer was filled from the CSPRNG (observable by tests).</summary>
    internal int RefillCount { get; private set; }

    /// <summary>Returns the next key, in the layout of <see cref="WebSocketFrameHeader.MaskKey"/>.</summary>
    public uint NextKey()
    {
        if (_offset > BufferSize - sizeof(uint))
        {
            RandomNumberGenerator.Fill(_buffer);
            _offset = 0;
            RefillCount++;
        }

        uint key = BinaryPrimitives.ReadUInt32LittleEndian(_buffer.AsSpan(_offset));
        _offset += sizeof(uint);
        return key;
    }
}
