using System;
using System.Buffers;
using System.Globalization;
using System.Text.Json;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using ProtocolCore.Events;

namespace ProtocolCore.Emulator;

/// <summary>The errors the emulator sends: the nested WebSocket envelope, the flat SSE form, and HTTP error bodies.</summary>
internal static class EmulatorErrors
{
    public const string InvalidRequestError = "invalid_request_error";

    /// <summary><c>{"type":"error","error":{"type","code","message","param","headers":{"x-request-id"}},"status":S,"stream_id"?}</c>.</summary>
    public static ErrorEvent Nested(int status, string type, string? code, string message, string? param, string? streamId) =>
        FromJson(writer =>
        {
            writer.WriteStartObject("error"u8);
            writer.WriteString("type"u8, type);
            WriteNullable(writer, "code"u8, code);
            writer.WriteString("message"u8, message);
            WriteNullable(writer, "param"u8, param);
            writer.WriteStartObject("headers"u8);
            writer.WriteString(EmulatorServerHeaders.RequestIdHeader, EmulatorServerHeaders.NextRequestId());
            writer.WriteEndObject();
            writer.WriteEndObject();
            writer.WriteNumber("status"u8, status);
            if (streamId is not null)
            {
                writer.WriteString("stream_id"u8, streamId);
            }
        });

    public static ErrorEvent InvalidRequest(string code, string message, string? param, string? streamId) =>
        Nested(StatusCodes.Status400BadRequest, InvalidRequestError, code, message, param, streamId);

    public static ErrorEvent PreviousResponseNotFound(string id, string? streamId) =>
        InvalidRequest("previous_response_not_found", $"Previous response with id '{id}' not found.", "previous_response_id", streamId);

    public static ErrorEvent ConnectionLimitReached(TimeSpan limit) => InvalidRequest(
        "websocket_connection_limit_reached",
        string.Create(CultureInfo.InvariantCulture, $"Responses websocket connection limit reached ({Describe(limit)}). Create a new websocket connection to continue."),
        param: null,
        streamId: null);

    /// <summary>The flat form SSE uses (and some WebSocket servers): <c>{"type":"error","code","message","sequence_number"}</c>.</summary>
    public static ErrorEvent Flat(string code, string message) =>
        FromJson(writer =>
        {
            writer.WriteString("code"u8, code);
            writer.WriteString("message"u8, message);
            writer.WriteNull("param"u8);
        });

    /// <summary>Writes an HTTP error response: <c>{"error":{"message","type","param","code"}}</c>.</summary>
    public static Task WriteHttpErrorAsync(HttpResponse response, int status, string type, string? code, string message, string? param)
    {
        response.StatusCode = status;
        response.ContentType = "application/json";
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, ResponsesEventJson.WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteStartObject("error"u8);
            writer.WriteString("message"u8, message);
            writer.WriteString("type"u8, type);
            WriteNullable(writer, "param"u8, param);
            WriteNullable(writer, "code"u8, code);
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        return response.Body.WriteAsync(buffer.WrittenMemory).AsTask();
    }

    /// <summary>Writes the HTTP form of a nested error event (a request rejected before any response existed).</summary>
    public static Task WriteHttpErrorAsync(HttpResponse response, ErrorEvent error) => WriteHttpErrorAsync(
        response,
        error.Status ?? StatusCodes.Status400BadRequest,
        error.Error?.Type ?? InvalidRequestError,
        error.Error?.Code,
        error.Error?.Message ?? "error",
        error.Error?.Param);

    /// <summary>
    /// Builds the event from JSON rather than from properties: the spec marks <c>code</c> and <c>param</c> required
    /// but nullable, and a decoded explicit null is written back as null where an unset property would be omitted.
    /// </summary>
    private static ErrorEvent FromJson(Action<Utf8JsonWriter> writeMembers)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, ResponsesEventJson.WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteString("type"u8, ErrorEvent.JsonDiscriminator);
            writeMembers(writer);
            writer.WriteEndObject();
        }

        return (ErrorEvent)ResponsesEventJson.Parse(buffer.WrittenSpan);
    }

    private static void WriteNullable(Utf8JsonWriter writer, ReadOnlySpan<byte> name, string? value)
    {
        if (value is null)
        {
            writer.WriteNull(name);
        }
        else
        {
            writer.WriteString(name, value);
        }
    }

    private static string Describe(TimeSpan limit) =>
        limit.TotalMinutes >= 1 && limit.Ticks % TimeSpan.TicksPerMinute == 0
            ? string.Create(CultureInfo.InvariantCulture, $"{limit.TotalMinutes:0} minutes")
            : string.Create(CultureInfo.InvariantCulture, $"{limit.TotalSeconds:0.###} seconds");
}
