using System;
using System.Text.Json;
using ProtocolCore.Json;
using ProtocolCore.Requests;

namespace ProtocolCore.Emulator;

/// <summary>
/// Decodes client messages. The only place the emulator calls a generated reader, so a change to the generated
/// readers' signature is a change here alone.
/// </summary>
internal static class RequestDecoder
{
    private static readonly JsonReaderOptions s_readerOptions = new() { MaxDepth = 128 };

    /// <summary>Reads the top-level <c>"type"</c> of a client message; false when the message is not a JSON object.</summary>
    public static bool TryReadType(ReadOnlySpan<byte> utf8, out string? type, out string? error)
    {
        type = null;
        error = null;
        try
        {
            var reader = new Utf8JsonReader(utf8, s_readerOptions);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                error = "A client message must be one JSON object.";
                return false;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                bool isType = reader.ValueTextEquals("type"u8);
                reader.Read();
                if (isType && reader.TokenType == JsonTokenType.String)
                {
                    type = reader.GetString();
                }

                reader.Skip();
            }

            // Reading to the end validates the rest of the document.
            while (reader.Read())
            {
            }

            return true;
        }
        catch (JsonException e)
        {
            error = "The message is not valid JSON: " + e.Message;
            return false;
        }
    }

    /// <summary>Decodes another client message (<c>response.steer</c>, <c>response.inject</c>) into an owned model.</summary>
    public static bool TryDecode<T>(ReadOnlyMemory<byte> utf8, out T? message, out string? error)
        where T : class, IJsonValue<T>
    {
        message = null;
        error = null;
        using var context = new JsonReadContext();
        try
        {
            message = ProtocolJson.Read<T>(utf8, context, owned: true);
            return true;
        }
        catch (Exception e) when (e is JsonException or ProtocolJsonException or InvalidOperationException or FormatException or OverflowException)
        {
            error = "The message does not fit its schema: " + e.Message;
            return false;
        }
    }

    /// <summary>Decodes a <c>response.create</c> message (or a <c>POST /v1/responses</c> body) into an owned request.</summary>
    public static bool TryDecode(ReadOnlyMemory<byte> utf8, out ResponseCreateRequest? request, out string? error)
    {
        request = null;
        error = null;
        using var context = new JsonReadContext();
        try
        {
            request = ProtocolJson.Read<ResponseCreateRequest>(utf8, context, owned: true);
            return true;
        }
        catch (Exception e) when (e is JsonException or ProtocolJsonException or InvalidOperationException or FormatException or OverflowException)
        {
            error = "The request does not fit the response.create schema: " + e.Message;
            return false;
        }
    }
}
