using System;
using System.Text.Json;
using ProtocolCore.Json;

namespace ProtocolCore.Events;

/// <summary>An event whose <c>"type"</c> ProtocolCore does not know: its type string and its JSON, written back unchanged.</summary>
/// <remarks>
/// The generator writes its constructor, <c>Type</c>, <c>Kind</c>, <c>Json</c> and <c>WriteJson</c> from
/// <c>[JsonUnion(Fallback = typeof(UnknownEvent))]</c> on <see cref="ResponsesEvent"/>, as for every union's fallback.
/// </remarks>
public sealed partial class UnknownEvent : ResponsesEvent
{
    // Every Responses event numbers itself; keep that for unknown kinds too, so consumers need no second parser.
    partial void OnCreated() => SequenceNumber = FindSequenceNumber(Json.Span);

    // The top-level integer "sequence_number", if any. Unknown kinds are rare, so a second pass over them is affordable.
    // The decoder has validated the object already; JSON a caller wraps by hand may not be, and then there is none.
    private static int? FindSequenceNumber(ReadOnlySpan<byte> json)
    {
        try
        {
            return json.IsEmpty ? null : ScanForSequenceNumber(json);
        }
        catch (ProtocolJsonException)
        {
            return null;
        }
    }

    private static int? ScanForSequenceNumber(ReadOnlySpan<byte> json)
    {
        var reader = new JsonScanner(json);
        reader.Read();
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            return null;
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            bool found = reader.ValueTextEquals("sequence_number"u8);
            reader.Read();
            if (found)
            {
                return reader.TryGetInt32(out int value) ? value : null;
            }

            reader.Skip();
        }

        return null;
    }
}
