using System;
using System.Text.Json;

namespace ProtocolCore.Scale.Client;

/// <summary>
/// The anchor's decode of one event with <see cref="Utf8JsonReader"/>: its type, a delta's text (unescaped into a stack
/// buffer when it has escapes, as a consumer appending it would) and stamp, and the response id of a terminal event.
/// </summary>
internal readonly struct AnchorEvent
{
    private AnchorEvent(AnchorEventKind kind, int deltaBytes, long stamp, string? responseId)
    {
        Kind = kind;
        DeltaBytes = deltaBytes;
        Stamp = stamp;
        ResponseId = responseId;
    }

    public AnchorEventKind Kind { get; }

    public int DeltaBytes { get; }

    /// <summary>The send stamp of a delta, or 0.</summary>
    public long Stamp { get; }

    /// <summary>The id of the response of a <c>response.completed</c>.</summary>
    public string? ResponseId { get; }

    public static AnchorEvent Parse(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json);
        AnchorEventKind kind = AnchorEventKind.Other;
        bool typed = false;
        int deltaBytes = 0;
        long stamp = 0;
        string? responseId = null;
        Span<byte> scratch = stackalloc byte[512];
        reader.Read();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("type"u8))
            {
                reader.Read();
                kind = Classify(ref reader);
                typed = true;
            }
            else if (reader.ValueTextEquals("delta"u8))
            {
                reader.Read();
                deltaBytes = !reader.ValueIsEscaped ? reader.ValueSpan.Length
                    : reader.ValueSpan.Length <= scratch.Length ? reader.CopyString(scratch)
                    : System.Text.Encoding.UTF8.GetByteCount(reader.GetString()!);
            }
            else if (reader.ValueTextEquals("obfuscation"u8))
            {
                reader.Read();
                _ = ScaleTurn.TryReadStamp(reader.ValueSpan, out stamp);
            }
            else if (reader.ValueTextEquals("response"u8) && (!typed || kind != AnchorEventKind.Other))
            {
                reader.Read();
                responseId = ReadId(ref reader);
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        return new AnchorEvent(kind, deltaBytes, stamp, kind == AnchorEventKind.Completed ? responseId : null);
    }

    private static AnchorEventKind Classify(ref Utf8JsonReader reader) =>
        reader.ValueTextEquals("response.output_text.delta"u8) ? AnchorEventKind.Delta
        : reader.ValueTextEquals("response.completed"u8) ? AnchorEventKind.Completed
        : reader.ValueTextEquals("response.failed"u8) || reader.ValueTextEquals("response.incomplete"u8) || reader.ValueTextEquals("error"u8) ? AnchorEventKind.Failed
        : AnchorEventKind.Other;

    /// <summary>The <c>id</c> of the <c>response</c> object the reader is at; the rest of the object is skipped.</summary>
    private static string? ReadId(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return null;
        }

        string? id = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            bool isId = reader.ValueTextEquals("id"u8);
            reader.Read();
            if (isId && reader.TokenType == JsonTokenType.String)
            {
                id = reader.GetString();
            }
            else
            {
                reader.Skip();
            }
        }

        return id;
    }
}
