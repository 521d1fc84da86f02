using System;
using ProtocolCore.WebSockets;

namespace ProtocolCore.Native;

/// <summary>
/// Limits of a codec, from the JSON given to <c>pc_codec_create</c>:
/// <c>{"max_message_size": bytes, "max_frame_size": bytes}</c>, both optional (read by <see cref="NativeOptionsReader"/>).
/// </summary>
internal sealed class CodecOptions
{
    /// <summary>The largest frame payload and message accepted by default: 16 MiB, far above any event seen so far.</summary>
    public const int DefaultMaxSize = 16 * 1024 * 1024;

    // Every size must fit an array together with the longest frame header. Declared before s_options, which reads it.
    private static readonly int s_maxSize = Array.MaxLength - WebSocketFrameHeader.MaxHeaderLength;

    private static readonly NativeOption[] s_options =
    [
        NativeOption.Integer("max_message_size", 1, s_maxSize),
        NativeOption.Integer("max_frame_size", 1, s_maxSize),
    ];

    public static CodecOptions Default { get; } = new();

    public int MaxMessageSize { get; private init; } = DefaultMaxSize;

    public int MaxFrameSize { get; private init; } = DefaultMaxSize;

    /// <summary>The most bytes the codec buffers: one largest frame with the longest header.</summary>
    public int MaxBufferedBytes => MaxFrameSize + WebSocketFrameHeader.MaxHeaderLength;

    /// <exception cref="PcException">Not a JSON object of the documented members (<see cref="PcStatus.InvalidArgument"/>).</exception>
    public static CodecOptions Parse(ReadOnlySpan<byte> utf8Json)
    {
        if (utf8Json.IsEmpty)
        {
            return Default;
        }

        Span<int?> values = stackalloc int?[s_options.Length];
        NativeOptionsReader.Read(utf8Json, "codec", s_options, values);
        return new CodecOptions { MaxMessageSize = values[0] ?? DefaultMaxSize, MaxFrameSize = values[1] ?? DefaultMaxSize };
    }
}
