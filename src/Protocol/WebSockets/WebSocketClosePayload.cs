using System.Buffers;

namespace ProtocolCore.WebSockets;

/// <summary>Parses the payload of a close frame (RFC 6455 §5.5.1): empty, or a 2-byte big-endian code and a UTF-8 reason.</summary>
internal static class WebSocketClosePayload
{
    /// <summary>
    /// Reads and validates a close payload. An empty payload gives <see cref="WebSocketCloseCode.NoStatusReceived"/>
    /// (1005). Codes outside <see cref="WebSocketCloseCodes.IsValidOnWire"/> and one-byte payloads are protocol errors
    /// (1002); a reason that is not UTF-8 is 1007.
    /// </summary>
    /// <param name="payload">The unmasked close payload (at most 125 bytes, the frame reader enforces it).</param>
    /// <param name="status">The code; other registered or application codes (3000–4999) are cast as they are.</param>
    /// <param name="reason">The UTF-8 reason, a slice of <paramref name="payload"/>.</param>
    /// <returns><see cref="WebSocketProtocolError.None"/> when valid.</returns>
    public static WebSocketProtocolError TryParse(
        in ReadOnlySequence<byte> payload,
        out WebSocketCloseCode status,
        out ReadOnlySequence<byte> reason)
    {
        reason = ReadOnlySequence<byte>.Empty;
        status = WebSocketCloseCode.NoStatusReceived;
        if (payload.IsEmpty)
        {
            return WebSocketProtocolError.None;
        }

        var reader = new SequenceReader<byte>(payload);
        if (!reader.TryReadBigEndian(out short code))
        {
            return WebSocketProtocolError.ClosePayloadTooShort;
        }

        if (!WebSocketCloseCodes.IsValidOnWire((ushort)code))
        {
            return WebSocketProtocolError.InvalidCloseCode;
        }

        ReadOnlySequence<byte> text = reader.UnreadSequence;
        Utf8StreamValidator validator = default;
        if (!validator.TryValidate(text) || !validator.IsComplete)
        {
            return WebSocketProtocolError.InvalidCloseReason;
        }

        status = (WebSocketCloseCode)(ushort)code;
        reason = text;
        return WebSocketProtocolError.None;
    }
}
