namespace ProtocolCore.Native;

/// <summary>
/// Status codes returned by every export. Non-negative values are outcomes, negative ones errors (with a message from
/// <c>pc_last_error_message</c>). MIRRORS: <c>pc_status</c> in include/protocolcore.h (checked by <c>NativeHeaderTests</c>).
/// </summary>
internal static class PcStatus
{
    public const int Ok = 0;

    /// <summary><c>pc_codec_next_event</c>: no complete event is buffered; feed more bytes.</summary>
    public const int NoEvent = 1;

    /// <summary>The peer closed the connection; the close reply is waiting in <c>pc_codec_take_outgoing</c>.</summary>
    public const int Closed = 2;

    /// <summary><c>pc_session_next_event</c>: the turn is over (its last event or error was delivered); send the next one.</summary>
    public const int TurnDone = 3;

    /// <summary>A null pointer, a bad length or bad options.</summary>
    public const int InvalidArgument = -1;

    /// <summary>A handle that was never created, or was destroyed.</summary>
    public const int InvalidHandle = -2;

    /// <summary>Malformed JSON, or JSON of the wrong shape (the codec skips the message and goes on).</summary>
    public const int Json = -3;

    /// <summary>
    /// The peer broke RFC 6455 or a size limit; the codec is failed and a close frame is queued. From a session: the
    /// server's events broke the Responses protocol (say, <c>response.completed</c> without its response).
    /// </summary>
    public const int Protocol = -4;

    /// <summary>The codec's buffer is full: pull events before feeding more.</summary>
    public const int BufferFull = -5;

    /// <summary>The connection is closed or failed; nothing more can be encoded.</summary>
    public const int InvalidState = -6;

    /// <summary>A message the API never sends (binary); it is skipped.</summary>
    public const int Unsupported = -7;

    /// <summary>A bug or an out-of-memory condition inside the library.</summary>
    public const int Internal = -8;

    /// <summary>A session's connection dropped after the request was sent; it was not replayed (it may have run).</summary>
    public const int Interrupted = -9;

    /// <summary>The server answered a session's request with an error that no retry fixed.</summary>
    public const int Api = -10;

    /// <summary>A session could not connect, or the connection kept closing before the request was sent (nothing ran).</summary>
    public const int Connection = -11;

    /// <summary>A session's turn was cancelled by <c>pc_session_cancel</c>; its remaining events were dropped.</summary>
    public const int Cancelled = -12;
}
