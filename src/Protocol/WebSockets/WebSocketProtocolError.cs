namespace ProtocolCore.WebSockets;

/// <summary>
/// Why a frame or message broke RFC 6455: <see cref="WebSocketProtocolException.Error"/>. Each maps to the close code
/// the connection sends (in parentheses below) and a fixed reason. The parsers return these instead of throwing, so a
/// bad frame costs no allocation.
/// </summary>
public enum WebSocketProtocolError : byte
{
    /// <summary>No violation: the frame or message is valid.</summary>
    None = 0,

    /// <summary>RSV2 or RSV3 set, or RSV1 set without a negotiated extension that defines it (1002).</summary>
    ReservedBitsSet,

    /// <summary>RSV1 set on a continuation or control frame; permessage-deflate allows it only on a message's first frame (1002).</summary>
    CompressedBitOnNonFirstFrame,

    /// <summary>Opcodes 3–7 and 0xB–0xF are reserved (1002).</summary>
    UnknownOpcode,

    /// <summary>A ping, pong or close without FIN (1002).</summary>
    FragmentedControlFrame,

    /// <summary>A control frame with more than 125 bytes of payload (1002).</summary>
    ControlFrameTooLong,

    /// <summary>A 64-bit payload length with its most significant bit set (1002).</summary>
    PayloadLengthMsbSet,

    /// <summary>A masked frame received by a client (1002).</summary>
    MaskedFrameFromServer,

    /// <summary>An unmasked frame received by a server (1002).</summary>
    UnmaskedFrameFromClient,

    /// <summary>A frame whose payload exceeds the configured frame limit (1009).</summary>
    FrameTooLarge,

    /// <summary>A continuation frame with no fragmented message in progress (1002).</summary>
    ContinuationWithoutStart,

    /// <summary>A text or binary frame while a fragmented message is still in progress (1002).</summary>
    DataFrameInsideFragmentedMessage,

    /// <summary>A compressed frame reached a stage that has no decompressor (1002).</summary>
    UnexpectedCompressedFrame,

    /// <summary>A text message that is not valid UTF-8 (1007).</summary>
    InvalidUtf8,

    /// <summary>A message whose total size exceeds the configured message limit (1009).</summary>
    MessageTooLarge,

    /// <summary>A close frame with a one-byte payload (1002).</summary>
    ClosePayloadTooShort,

    /// <summary>A close frame carrying a code that may not appear on the wire (1002).</summary>
    InvalidCloseCode,

    /// <summary>A close frame whose reason is not valid UTF-8 (1007).</summary>
    InvalidCloseReason,

    /// <summary>A permessage-deflate message whose compressed data is not valid DEFLATE (1007).</summary>
    InvalidCompressedData,
}
