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
        var target = new ItemTarget();
        bool found = TryReadLastObjectMember(message, "item"u8, ref target);
        item = target.Range;
        return found;
    }

    /// <summary>
    /// The ranges in the top-level <c>response</c> object: each <c>output</c> element into <paramref name="output"/>
    /// (cleared first), and <c>usage</c>, <c>error</c>, <c>incomplete_details</c> when they are objects. False when the
    /// message has no <c>response</c> object (an <c>error</c> event) or is malformed.
    /// </summary>
    public static bool TryFindResponseParts(in ReadOnlySequence<byte> message, List<Range> output, out TerminalRanges parts)
    {
        var target = new ResponseTarget(output);
        target.Clear();
        bool found = TryReadLastObjectMember(message, "response"u8, ref target);
        parts = target.Parts;
        return found;
    }

    /// <summary>
    /// One pass over the top-level members: the last member named <paramref name="name"/> whose value is an object is
    /// read by <paramref name="target"/> (a later one of the same name that is not an object clears it). False when
    /// there is none, or the message is malformed (the target then cleared).
    /// </summary>
    private static bool TryReadLastObjectMember<TTarget>(in ReadOnlySequence<byte> message, ReadOnlySpan<byte> name, ref TTarget target)
        where TTarget : struct, IObjectMemberTarget
    {
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
                bool named = reader.ValueTextEquals(name);
                reader.Read();
                if (named && reader.TokenType == JsonTokenType.StartObject)
                {
                    found = true;
                    target.Clear();
                    target.Read(ref reader);
                }
                else
                {
                    if (named)
                    {
                        found = false;
                        target.Clear();
                    }

                    reader.Skip();
                }
            }
        }
        catch (JsonException)
        {
            target.Clear();
            return false;
        }

        return found;
    }

    /// <summary>What <see cref="TryReadLastObjectMember"/> does with the object it finds (a struct: no allocation).</summary>
    private interface IObjectMemberTarget
    {
        /// <summary>Reads the object the reader is on, leaving the reader on its end.</summary>
        void Read(ref Utf8JsonReader reader);

        /// <summary>Forgets what an earlier occurrence read.</summary>
        void Clear();
    }

    /// <summary>The <c>item</c> object's range.</summary>
    private struct ItemTarget : IObjectMemberTarget
    {
        public Range Range;

        public void Read(ref Utf8JsonReader reader) => Range = ValueRange(ref reader);

        public void Clear() => Range = default;
    }

    /// <summary>The <c>response</c> object's parts.</summary>
    private struct ResponseTarget(List<Range> output) : IObjectMemberTarget
    {
        public TerminalRanges Parts;

        public void Read(ref Utf8JsonReader reader) => Parts = ReadResponse(ref reader, output);

        public void Clear()
        {
            output.Clear();
            Parts = default;
        }
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
