using System;
using System.Text.Json;
using ProtocolCore.WebSockets;

namespace ProtocolCore.Native;

/// <summary>
/// Limits of a codec, from the JSON given to <c>pc_codec_create</c>:
/// <c>{"max_message_size": bytes, "max_frame_size": bytes}</c>, both optional. Unknown members are rejected so a typo
/// is not silently ignored.
/// </summary>
internal sealed class CodecOptions
{
    /// <summary>The largest frame payload and message accepted by default: 16 MiB, far above any event seen so far.</summary>
    public const int DefaultMaxSize = 16 * 1024 * 1024;

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

        int maxMessage = DefaultMaxSize;
        int maxFrame = DefaultMaxSize;
        try
        {
            var reader = new Utf8JsonReader(utf8Json);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                throw Invalid("codec options must be a JSON object");
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                bool isMessage = reader.ValueTextEquals("max_message_size"u8);
                bool isFrame = reader.ValueTextEquals("max_frame_size"u8);
                if (!isMessage && !isFrame)
                {
                    throw Invalid($"unknown codec option '{reader.GetString()}' (expected max_message_size, max_frame_size)");
                }

                reader.Read();
                if (reader.TokenType != JsonTokenType.Number || !reader.TryGetInt32(out int value) || value <= 0 || value > Array.MaxLength - WebSocketFrameHeader.MaxHeaderLength)
                {
                    throw Invalid($"{(isMessage ? "max_message_size" : "max_frame_size")} must be an integer from 1 to {Array.MaxLength - WebSocketFrameHeader.MaxHeaderLength}");
                }

                if (isMessage)
                {
                    maxMessage = value;
                }
                else
                {
                    maxFrame = value;
                }
            }

            // Reads past the end object, so trailing data fails here.
            while (reader.Read())
            {
            }
        }
        catch (JsonException e)
        {
            throw Invalid($"codec options are not valid JSON: {e.Message}");
        }

        return new CodecOptions { MaxMessageSize = maxMessage, MaxFrameSize = maxFrame };
    }

    private static PcException Invalid(string message) => new(PcStatus.InvalidArgument, message);
}
