using System;

namespace ProtocolCore.WebSockets;

/// <summary>Maps a <see cref="WebSocketProtocolError"/> to the close code and reason this client sends for it.</summary>
internal static class WebSocketProtocolErrors
{
    /// <summary>The close code to send when failing the connection for <paramref name="error"/>.</summary>
    public static WebSocketCloseCode GetCloseStatus(WebSocketProtocolError error) => error switch
    {
        WebSocketProtocolError.InvalidUtf8 or WebSocketProtocolError.InvalidCloseReason or WebSocketProtocolError.InvalidCompressedData
            => WebSocketCloseCode.InvalidPayloadData,
        WebSocketProtocolError.FrameTooLarge or WebSocketProtocolError.MessageTooLarge => WebSocketCloseCode.MessageTooBig,
        WebSocketProtocolError.None => throw new ArgumentOutOfRangeException(nameof(error), error, "Not an error."),
        _ => WebSocketCloseCode.ProtocolError,
    };

    /// <summary>
    /// A fixed, short reason (it fits the 123 bytes a close frame allows). It never contains received bytes, so it
    /// can be logged and sent without leaking payload content.
    /// </summary>
    public static string GetReason(WebSocketProtocolError error) => error switch
    {
        WebSocketProtocolError.ReservedBitsSet => "Reserved bits set without a negotiated extension.",
        WebSocketProtocolError.CompressedBitOnNonFirstFrame => "RSV1 set on a continuation or control frame.",
        WebSocketProtocolError.UnknownOpcode => "Reserved opcode.",
        WebSocketProtocolError.FragmentedControlFrame => "Control frame without FIN.",
        WebSocketProtocolError.ControlFrameTooLong => "Control frame payload longer than 125 bytes.",
        WebSocketProtocolError.PayloadLengthMsbSet => "64-bit payload length with the most significant bit set.",
        WebSocketProtocolError.MaskedFrameFromServer => "Masked frame from the server.",
        WebSocketProtocolError.UnmaskedFrameFromClient => "Unmasked frame from the client.",
        WebSocketProtocolError.FrameTooLarge => "Frame exceeds the maximum frame size.",
        WebSocketProtocolError.ContinuationWithoutStart => "Continuation frame without a message in progress.",
        WebSocketProtocolError.DataFrameInsideFragmentedMessage => "New data frame inside a fragmented message.",
        WebSocketProtocolError.UnexpectedCompressedFrame => "Compressed frame without a decompressor.",
        WebSocketProtocolError.InvalidUtf8 => "Text message is not valid UTF-8.",
        WebSocketProtocolError.MessageTooLarge => "Message exceeds the maximum message size.",
        WebSocketProtocolError.ClosePayloadTooShort => "Close frame payload of one byte.",
        WebSocketProtocolError.InvalidCloseCode => "Invalid close code.",
        WebSocketProtocolError.InvalidCloseReason => "Close reason is not valid UTF-8.",
        WebSocketProtocolError.InvalidCompressedData => "Compressed message is not valid DEFLATE data.",
        _ => throw new ArgumentOutOfRangeException(nameof(error), error, "Not an error."),
    };
}
