using System;
using System.Buffers;
using System.Collections.Generic;
using System.Text.Json;

namespace ProtocolCore.Client;

/// <summary>
/// Where the parts the session keeps sit in a kept event's JSON (byte ranges, nothing decoded): the <c>item</c> of
/// <c>response.output_item.done</c>, and the <c>output</c> elements, <c>usage</c>, <c>error</c> and
/// <c>incomplete_details</c> of a terminal event's <c>response</c>. A member sent twice counts as its last occurrence,
/// as in the decoder. Works on segmented input; the caller has decoded the message already, so malformed input (a
/// <see cref="JsonException"/>) only means "not found" here.
/// </summary>
internal static class KeptEventJson
{
    /// <summary>The range of the top-level <c>item</c> object; false when there is none.</summary>
    public static bool TryFindItem(in ReadOnlySequence<byte> message, out Range item)
    {
        item = default;
        bool found = false;
        try
        {
            var reader = new Utf8JsonReader(message);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return false;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                bool isItem = reader.ValueTextEquals("item"u8);
                reader.Read();
                if (isItem && reader.TokenType == JsonTokenType.StartObject)
                {
                    found = true;
                    item = ValueRange(ref reader);
                }
                else
                {
                    if (isItem)
                    {
                        found = false;
                        item = default;
                    }

                    reader.Skip();
                }
            }
        }
        catch (JsonException)
        {
            return false;
        }

        return found;
    }

    /// <summary>
    /// The ranges in the top-level <c>response</c> object: each <c>output</c> element into <paramref name="output"/>
    /// (cleared first), and <c>usage</c>, <c>error</c>, <c>incomplete_details</c> when they are objects. False when the
    /// message has no <c>response</c> object (an <c>error</c> event) or is malformed.
    /// </summary>
    public static bool TryFindResponseParts(in ReadOnlySequence<byte> message, List<Range> output, out TerminalRanges parts)
    {
        output.Clear();
        parts = default;
        bool found = false;
        try
        {
            var reader = new Utf8JsonReader(message);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return false;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                bool isResponse = reader.ValueTextEquals("response"u8);
                reader.Read();
                if (isResponse && reader.TokenType == JsonTokenType.StartObject)
                {
                    found = true;
                    output.Clear();
                    parts = ReadResponse(ref reader, output);
                }
                else
                {
                    if (isResponse)
                    {
                        found = false;
                        output.Clear();
                        parts = default;
                    }

                    reader.Skip();
                }
            }
        }
        catch (JsonException)
        {
            output.Clear();
            parts = default;
            return false;
        }

        return found;
    }

    /// <summary>Reads the response object the reader is on, leaving it on its end.</summary>
    private static TerminalRanges ReadResponse(ref Utf8JsonReader reader, List<Range> output)
    {
        Range? usage = null;
        Range? error = null;
        Range? incomplete = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("output"u8))
            {
                reader.Read();
                output.Clear();
                if (reader.TokenType != JsonTokenType.StartArray)
                {
                    reader.Skip();
                    continue;
                }

                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    output.Add(ValueRange(ref reader));
                }
            }
            else if (reader.ValueTextEquals("usage"u8))
            {
                reader.Read();
                usage = ObjectRange(ref reader);
            }
            else if (reader.ValueTextEquals("error"u8))
            {
                reader.Read();
                error = ObjectRange(ref reader);
            }
            else if (reader.ValueTextEquals("incomplete_details"u8))
            {
                reader.Read();
                incomplete = ObjectRange(ref reader);
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        return new TerminalRanges(usage, error, incomplete);
    }

    /// <summary>The range of an object value (skipped), or null for any other value.</summary>
    private static Range? ObjectRange(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return null;
        }

        return ValueRange(ref reader);
    }

    /// <summary>The range of the value the reader is on; leaves the reader on its last token.</summary>
    private static Range ValueRange(ref Utf8JsonReader reader)
    {
        int start = checked((int)reader.TokenStartIndex);
        reader.Skip();
        return new Range(start, checked((int)reader.BytesConsumed));
    }
}
