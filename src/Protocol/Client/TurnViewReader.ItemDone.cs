using System;
using System.Text.Json;
using ProtocolCore.Events;
using ProtocolCore.Json;
using ProtocolCore.Models;

namespace ProtocolCore.Client;

internal sealed partial class TurnViewReader
{
    /// <summary>The instance each <c>response.output_item.done</c> view is read into.</summary>
    private OutputItemDoneEvent? _itemDone;

    /// <summary>One item instance per kind for those views, created by the first (the generic view decode makes a new item each time).</summary>
    private JsonInstanceCache<InputItem>? _items;

    /// <summary>
    /// The view of a <c>response.output_item.done</c> as servers write it (unescaped names, no nulls, no members the event
    /// does not declare), its item read into an instance this reader keeps per item kind; null for any other shape,
    /// which the generic view decode then reads (and reports if malformed). The item's strings share the reader's cache,
    /// so its id, read earlier in the turn, costs nothing again.
    /// </summary>
    private OutputItemDoneEvent? TryReadItemDone(ReadOnlyMemory<byte> message)
    {
        JsonReadContext context = _reader.Context;
        context.Reset(message, owned: false);
        var reader = new JsonScanner(message.Span);
        int? sequenceNumber = null;
        int? outputIndex = null;
        Utf8Text? streamId = null;
        OutputItem? item = null;
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return null;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueIsEscaped)
                {
                    return null;
                }

                ReadOnlySpan<byte> name = reader.ValueSpan;
                if (!reader.Read() || reader.TokenType == JsonTokenType.Null)
                {
                    return null;
                }

                if (name.SequenceEqual("type"u8))
                {
                    if (reader.TokenType != JsonTokenType.String || reader.ValueIsEscaped || !reader.ValueSpan.SequenceEqual("response.output_item.done"u8))
                    {
                        return null;
                    }
                }
                else if (name.SequenceEqual("item"u8))
                {
                    if (reader.TokenType != JsonTokenType.StartObject
                        || InputItem.ReadJson(ref reader, context, _items ??= new JsonInstanceCache<InputItem>(InputItem.CaseCount)) is not OutputItem output)
                    {
                        return null;
                    }

                    item = output;
                }
                else if (name.SequenceEqual("sequence_number"u8) || name.SequenceEqual("output_index"u8))
                {
                    if (reader.TokenType != JsonTokenType.Number || !reader.TryGetInt32(out int value))
                    {
                        return null;
                    }

                    if (name[0] == (byte)'s')
                    {
                        sequenceNumber = value;
                    }
                    else
                    {
                        outputIndex = value;
                    }
                }
                else if (name.SequenceEqual("stream_id"u8) && reader.TokenType == JsonTokenType.String)
                {
                    streamId = context.ReadText(ref reader);
                }
                else
                {
                    return null;
                }
            }

            if (reader.TokenType != JsonTokenType.EndObject || reader.Read())
            {
                return null;
            }
        }
        catch (Exception e) when (e is JsonException or ProtocolJsonException or InvalidOperationException)
        {
            // Read again by the generic decode, which reports it with its typed error.
            return null;
        }

        OutputItemDoneEvent done = _itemDone ??= new OutputItemDoneEvent();
        done.SequenceNumber = sequenceNumber;
        done.OutputIndex = outputIndex;
        done.StreamId = streamId;
        done.Item = item;
        return done;
    }
}
