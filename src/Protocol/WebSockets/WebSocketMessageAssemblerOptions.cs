using System;
using System.Buffers;

namespace ProtocolCore.WebSockets;

/// <summary>Limits for <see cref="WebSocketMessageAssembler"/>. Immutable once built.</summary>
internal sealed class WebSocketMessageAssemblerOptions
{
    /// <summary>The default message limit: 64 MiB, matching the default frame limit.</summary>
    public const int DefaultMaxMessageLength = 64 * 1024 * 1024;

    /// <summary>The default size up to which the assembly buffer is kept between messages: 1 MiB.</summary>
    public const int DefaultMaxRetainedBufferLength = 1024 * 1024;

    private readonly int _maxMessageLength = DefaultMaxMessageLength;
    private readonly int _maxRetainedBufferLength = DefaultMaxRetainedBufferLength;

    /// <summary>The default limits: 64 MiB messages, a 1 MiB retained buffer.</summary>
    public static WebSocketMessageAssemblerOptions Default { get; } = new();

    /// <summary>
    /// The largest message accepted, fragmented or not. Checked against each frame's announced length before its
    /// payload is copied, so a peer cannot make the assembler buffer more than this.
    /// </summary>
    public int MaxMessageLength
    {
        get => _maxMessageLength;
        init
        {
            ArgumentOutOfRangeException.ThrowIfNegative(value);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(value, Array.MaxLength);
            _maxMessageLength = value;
        }
    }

    /// <summary>
    /// Where the fragment buffer (and a connection's other message buffers) are rented from: <see cref="ArrayPool{T}.Shared"/>
    /// unless a test counts them.
    /// </summary>
    internal ArrayPool<byte> BufferPool { get; init; } = ArrayPool<byte>.Shared;

    /// <summary>
    /// The pooled buffer for fragmented messages is kept for the next message while it is at most this long, so a
    /// steady stream of fragmented messages rents nothing; a larger one goes back to the pool after its message.
    /// </summary>
    public int MaxRetainedBufferLength
    {
        get => _maxRetainedBufferLength;
        init
        {
            ArgumentOutOfRangeException.ThrowIfNegative(value);
            _maxRetainedBufferLength = value;
        }
    }
}
