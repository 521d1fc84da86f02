using System;
using System.Buffers;
using System.Collections.Generic;
using System.Text;
using System.Text.Json;

namespace ProtocolCore.Faults;

/// <summary>
/// The one response the fault server streams for a request id, derived from the id alone so a client can tell a
/// lost, duplicated or crossed event: ids are <c>resp_ID</c> and <c>msg_ID</c>, and every delta starts with
/// <c>[ID#i]</c> followed by filler made of the id (some deltas over 125 or 1,000 bytes, so frames take every length
/// form). The events: created, in_progress, output_item.added, content_part.added, the deltas, output_text.done,
/// content_part.done, output_item.done, completed; <c>sequence_number</c> counts from 0.
/// </summary>
public static class StormResponse
{
    /// <summary>Events around the deltas.</summary>
    public const int FixedEventCount = 8;

    public static string ResponseId(string requestId) => "resp_" + requestId;

    public static string ItemId(string requestId) => "msg_" + requestId;

    public static IReadOnlyList<string> Deltas(string requestId)
    {
        int count = 3 + (int)(Hash(requestId) % 6);
        var deltas = new string[count];
        for (int i = 0; i < count; i++)
        {
            uint h = Hash(requestId + "#" + i);
            int filler = i % 3 == 2 ? 1000 + (int)(h % 1500) : (int)(h % 200);
            deltas[i] = $"[{requestId}#{i}]" + Filler(requestId, filler);
        }

        return deltas;
    }

    public static string Text(string requestId) => string.Concat(Deltas(requestId));

    public static int EventCount(string requestId) => FixedEventCount + Deltas(requestId).Count;

    /// <summary>The event types in order.</summary>
    public static IReadOnlyList<string> EventTypes(string requestId)
    {
        var types = new List<string> { "response.created", "response.in_progress", "response.output_item.added", "response.content_part.added" };
        for (int i = 0; i < Deltas(requestId).Count; i++)
        {
            types.Add("response.output_text.delta");
        }

        types.AddRange(["response.output_text.done", "response.content_part.done", "response.output_item.done", "response.completed"]);
        return types;
    }

    /// <summary>Whether the server sends message <paramref name="index"/> as two or three fragments.</summary>
    public static bool IsFragmented(string requestId, int index) => Hash(requestId + "/" + index) % 4 == 0;

    /// <summary>The messages (UTF-8 JSON), in order.</summary>
    public static List<byte[]> Messages(string requestId, string? previousResponseId)
    {
        IReadOnlyList<string> deltas = Deltas(requestId);
        string text = string.Concat(deltas);
        string itemId = ItemId(requestId);
        var messages = new List<byte[]>();
        int sequence = 0;
        messages.Add(Json(w => Lifecycle(w, "response.created", sequence++, requestId, previousResponseId, completedText: null)));
        messages.Add(Json(w => Lifecycle(w, "response.in_progress", sequence++, requestId, previousResponseId, completedText: null)));
        messages.Add(Json(w =>
        {
            Head(w, "response.output_item.added", sequence++);
            w.WriteNumber("output_index", 0);
            w.WritePropertyName("item");
            Item(w, itemId, text: null);
        }));
        messages.Add(Json(w =>
        {
            Head(w, "response.content_part.added", sequence++);
            Position(w, itemId);
            w.WritePropertyName("part");
            Part(w, string.Empty);
        }));
        foreach (string delta in deltas)
        {
            messages.Add(Json(w =>
            {
                Head(w, "response.output_text.delta", sequence++);
                Position(w, itemId);
                w.WriteString("delta", delta);
            }));
        }

        messages.Add(Json(w =>
        {
            Head(w, "response.output_text.done", sequence++);
            Position(w, itemId);
            w.WriteString("text", text);
        }));
        messages.Add(Json(w =>
        {
            Head(w, "response.content_part.done", sequence++);
            Position(w, itemId);
            w.WritePropertyName("part");
            Part(w, text);
        }));
        messages.Add(Json(w =>
        {
            Head(w, "response.output_item.done", sequence++);
            w.WriteNumber("output_index", 0);
            w.WritePropertyName("item");
            Item(w, itemId, text);
        }));
        messages.Add(Json(w => Lifecycle(w, "response.completed", sequence++, requestId, previousResponseId, text)));
        return messages;
    }

    /// <summary>An <c>error</c> event after the response started (a server failure mid-response).</summary>
    public static byte[] ServerError(int sequenceNumber) => Json(w =>
    {
        Head(w, "error", sequenceNumber);
        ErrorBody(w, 500, "server_error", "server_error", "storm: injected server error", param: null);
    });

    /// <summary>The WebSocket-mode <c>error</c> for a <c>previous_response_id</c> this connection does not hold.</summary>
    public static byte[] PreviousResponseNotFound(string previousResponseId) => Json(w =>
    {
        w.WriteString("type", "error");
        ErrorBody(w, 400, "invalid_request_error", "previous_response_not_found", $"Previous response with id '{previousResponseId}' not found.", "previous_response_id");
    });

    /// <summary>An <c>error</c> for a request the server cannot read (a client bug the storm reports).</summary>
    public static byte[] InvalidRequest(string message) => Json(w =>
    {
        w.WriteString("type", "error");
        ErrorBody(w, 400, "invalid_request_error", "invalid_request", message, param: null);
    });

    /// <summary>FNV-1a over the UTF-16 code units: stable across runs and easy to repeat in any language.</summary>
    public static uint Hash(string value)
    {
        uint hash = 2166136261;
        foreach (char c in value)
        {
            hash = (hash ^ c) * 16777619;
        }

        return hash;
    }

    private static string Filler(string requestId, int length)
    {
        var filler = new StringBuilder(length + requestId.Length + 1);
        while (filler.Length < length)
        {
            filler.Append(requestId).Append('~');
        }

        return filler.ToString(0, length);
    }

    private static byte[] Json(Action<Utf8JsonWriter> body)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            body(writer);
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static void Head(Utf8JsonWriter w, string type, int sequenceNumber)
    {
        w.WriteString("type", type);
        w.WriteNumber("sequence_number", sequenceNumber);
    }

    private static void Position(Utf8JsonWriter w, string itemId)
    {
        w.WriteString("item_id", itemId);
        w.WriteNumber("output_index", 0);
        w.WriteNumber("content_index", 0);
    }

    private static void Lifecycle(Utf8JsonWriter w, string type, int sequenceNumber, string requestId, string? previousResponseId, string? completedText)
    {
        Head(w, type, sequenceNumber);
        w.WriteStartObject("response");
        w.WriteString("id", ResponseId(requestId));
        w.WriteString("object", "response");
        w.WriteNumber("created_at", 1764633600);
        w.WriteString("status", completedText is null ? "in_progress" : "completed");
        w.WriteString("model", "storm");
        if (previousResponseId is null)
        {
            w.WriteNull("previous_response_id");
        }
        else
        {
            w.WriteString("previous_response_id", previousResponseId);
        }

        w.WriteStartArray("output");
        if (completedText is not null)
        {
            Item(w, ItemId(requestId), completedText);
        }

        w.WriteEndArray();
        w.WriteStartObject("metadata");
        w.WriteString("request_id", requestId);
        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static void Item(Utf8JsonWriter w, string itemId, string? text)
    {
        w.WriteStartObject();
        w.WriteString("id", itemId);
        w.WriteString("type", "message");
        w.WriteString("status", text is null ? "in_progress" : "completed");
        w.WriteString("role", "assistant");
        w.WriteStartArray("content");
        if (text is not null)
        {
            Part(w, text);
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void Part(Utf8JsonWriter w, string text)
    {
        w.WriteStartObject();
        w.WriteString("type", "output_text");
        w.WriteString("text", text);
        w.WriteStartArray("annotations");
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void ErrorBody(Utf8JsonWriter w, int status, string type, string code, string message, string? param)
    {
        w.WriteStartObject("error");
        w.WriteString("type", type);
        w.WriteString("code", code);
        w.WriteString("message", message);
        if (param is null)
        {
            w.WriteNull("param");
        }
        else
        {
            w.WriteString("param", param);
        }

        w.WriteEndObject();
        w.WriteNumber("status", status);
    }
}
