using System;
using ProtocolCore.Client;
using ProtocolCore.WebSockets;

namespace ProtocolCore.Native;

/// <summary>
/// The JSON given to <c>pc_session_open</c>: <c>{"mode": "websocket"|"http", "connect_timeout_ms", "first_event_timeout_ms",
/// "idle_timeout_ms", "max_connection_age_ms", "max_reconnect_attempts", "allow_http_fallback",
/// "io_mode": "thread_pool"|"event_loop"}</c>, all optional
/// (read by <see cref="NativeOptionsReader"/>).
/// </summary>
internal static class SessionOptions
{
    // Indexes into s_options, and so into the values read.
    private const int Mode = 0;
    private const int ConnectTimeout = 1;
    private const int FirstEventTimeout = 2;
    private const int IdleTimeout = 3;
    private const int MaxConnectionAge = 4;
    private const int MaxReconnectAttempts = 5;
    private const int AllowHttpFallback = 6;
    private const int IoMode = 7;

    private static readonly NativeOption[] s_options =
    [
        NativeOption.Choice("mode", "websocket", "http"),
        NativeOption.Integer("connect_timeout_ms", 1, int.MaxValue),
        NativeOption.Integer("first_event_timeout_ms", 1, int.MaxValue),
        NativeOption.Integer("idle_timeout_ms", 1, int.MaxValue),
        NativeOption.Integer("max_connection_age_ms", 1, int.MaxValue),
        NativeOption.Integer("max_reconnect_attempts", 0, 100),
        NativeOption.Boolean("allow_http_fallback"),

        // The session's socket I/O (WebSocketIoMode): only the library's own code runs after its awaits, never the
        // caller's, so the event loop is safe here whatever the binding does.
        NativeOption.Choice("io_mode", "thread_pool", "event_loop"),
    ];

    /// <summary>Applies <paramref name="utf8Json"/> to <paramref name="options"/> and returns the transport mode.</summary>
    /// <exception cref="PcException">Not a JSON object of the documented members (<see cref="PcStatus.InvalidArgument"/>).</exception>
    public static ResponsesTransportMode Apply(ReadOnlySpan<byte> utf8Json, ResponsesClientOptions options)
    {
        Span<int?> values = stackalloc int?[s_options.Length];
        NativeOptionsReader.Read(utf8Json, "session", s_options, values);
        if (values[ConnectTimeout] is int connect)
        {
            options.ConnectTimeout = TimeSpan.FromMilliseconds(connect);
        }

        if (values[FirstEventTimeout] is int firstEvent)
        {
            options.FirstEventTimeout = TimeSpan.FromMilliseconds(firstEvent);
        }

        if (values[IdleTimeout] is int idle)
        {
            options.IdleTimeout = TimeSpan.FromMilliseconds(idle);
        }

        if (values[MaxConnectionAge] is int age)
        {
            options.MaxConnectionAge = TimeSpan.FromMilliseconds(age);
        }

        if (values[MaxReconnectAttempts] is int attempts)
        {
            options.MaxReconnectAttempts = attempts;
        }

        if (values[AllowHttpFallback] is int fallback)
        {
            options.AllowHttpFallback = fallback != 0;
        }

        if (values[IoMode] is int ioMode)
        {
            options.WebSocket.IoMode = ioMode == 1 ? WebSocketIoMode.EventLoop : WebSocketIoMode.ThreadPool;
        }

        return values[Mode] == 1 ? ResponsesTransportMode.Http : ResponsesTransportMode.WebSocket;
    }
}
