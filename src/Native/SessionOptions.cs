using System;
using System.Text.Json;
using ProtocolCore.Client;

namespace ProtocolCore.Native;

/// <summary>
/// The JSON given to <c>pc_session_open</c>: <c>{"mode": "websocket"|"http", "connect_timeout_ms", "first_event_timeout_ms",
/// "idle_timeout_ms", "max_connection_age_ms", "max_reconnect_attempts", "allow_http_fallback"}</c>, all optional.
/// Unknown members are rejected so a typo is not silently ignored.
/// </summary>
internal static class SessionOptions
{
    /// <summary>Applies <paramref name="utf8Json"/> to <paramref name="options"/> and returns the transport mode.</summary>
    /// <exception cref="PcException">Not a JSON object of the documented members (<see cref="PcStatus.InvalidArgument"/>).</exception>
    public static ResponsesTransportMode Apply(ReadOnlySpan<byte> utf8Json, ResponsesClientOptions options)
    {
        ResponsesTransportMode mode = ResponsesTransportMode.WebSocket;
        if (utf8Json.IsEmpty)
        {
            return mode;
        }

        try
        {
            var reader = new Utf8JsonReader(utf8Json);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                throw Invalid("session options must be a JSON object");
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                string name = reader.GetString()!;
                reader.Read();
                switch (name)
                {
                    case "mode":
                        mode = reader.TokenType == JsonTokenType.String && reader.ValueTextEquals("websocket"u8) ? ResponsesTransportMode.WebSocket
                            : reader.TokenType == JsonTokenType.String && reader.ValueTextEquals("http"u8) ? ResponsesTransportMode.Http
                            : throw Invalid("mode must be \"websocket\" or \"http\"");
                        break;
                    case "connect_timeout_ms":
                        options.ConnectTimeout = Milliseconds(ref reader, name);
                        break;
                    case "first_event_timeout_ms":
                        options.FirstEventTimeout = Milliseconds(ref reader, name);
                        break;
                    case "idle_timeout_ms":
                        options.IdleTimeout = Milliseconds(ref reader, name);
                        break;
                    case "max_connection_age_ms":
                        options.MaxConnectionAge = Milliseconds(ref reader, name);
                        break;
                    case "max_reconnect_attempts":
                        options.MaxReconnectAttempts = Integer(ref reader, name, 0, 100);
                        break;
                    case "allow_http_fallback":
                        options.AllowHttpFallback = reader.TokenType switch
                        {
                            JsonTokenType.True => true,
                            JsonTokenType.False => false,
                            _ => throw Invalid("allow_http_fallback must be true or false"),
                        };
                        break;
                    default:
                        throw Invalid($"unknown session option '{name}' (expected mode, connect_timeout_ms, first_event_timeout_ms, " +
                            "idle_timeout_ms, max_connection_age_ms, max_reconnect_attempts, allow_http_fallback)");
                }
            }

            // Reads past the end object, so trailing data fails here.
            while (reader.Read())
            {
            }
        }
        catch (JsonException e)
        {
            throw Invalid($"session options are not valid JSON: {e.Message}");
        }

        return mode;
    }

    private static TimeSpan Milliseconds(ref Utf8JsonReader reader, string name) =>
        TimeSpan.FromMilliseconds(Integer(ref reader, name, 1, int.MaxValue));

    private static int Integer(ref Utf8JsonReader reader, string name, int min, int max)
    {
        if (reader.TokenType != JsonTokenType.Number || !reader.TryGetInt32(out int value) || value < min || value > max)
        {
            throw Invalid($"{name} must be an integer from {min} to {max}");
        }

        return value;
    }

    private static PcException Invalid(string message) => new(PcStatus.InvalidArgument, message);
}
