using System;
using System.Buffers;
using System.Collections.Generic;
using ProtocolCore.Events;
using ProtocolCore.Json;
using ProtocolCore.Models;

namespace ProtocolCore.Client;

internal sealed partial class TurnViewReader
{
    /// <summary>The output item elements of the last terminal event read (reused: no list per turn).</summary>
    private readonly List<Range> _output = [];

    /// <summary>The last view, when it is a kind the session keeps: its JSON is still in the decoder's buffer.</summary>
    private ResponsesEvent? _kept;

    /// <summary>
    /// What the conversation keeps of <paramref name="done"/>'s <paramref name="item"/>: when it is this reader's current
    /// view, a copy of the item's JSON (one exact-size array, decoded only if someone asks); otherwise (an event that
    /// arrived owned, buffered by another lane's reader) the item itself.
    /// </summary>
    public OutputItem KeepItem(OutputItemDoneEvent done, OutputItem item)
    {
        if (!ReferenceEquals(done, _kept))
        {
            return item;
        }

        ReadOnlyMemory<byte> message = _decoder!.Message;
        if (KeptEventJson.TryFindItem(new ReadOnlySequence<byte>(message), out Range range))
        {
            return KeptOutputItem.Copy(message.Span[range], item.Kind);
        }

        // Not reached for a message the decoder read (it found the item there); the view written out is the same item.
        return KeptOutputItem.Copy(ProtocolJson.ToUtf8Bytes(item), item.Kind);
    }

    /// <summary>
    /// The targeted read of a terminal event that is this reader's current view (null otherwise: an owned event is
    /// used as it is): the response's output items kept raw (the streamed ones again when the bytes are the same, so a
    /// turn usually copies each item once), and owned copies of <c>usage</c>, <c>error</c> and
    /// <c>incomplete_details</c>, decoded from their own bytes. A response without output keeps
    /// <paramref name="streamed"/>, as the owned path does.
    /// </summary>
    public TerminalRead? ReadTerminal(ResponsesEvent terminal, List<OutputItem> streamed)
    {
        if (!ReferenceEquals(terminal, _kept))
        {
            return null;
        }

        if ((terminal as IResponseLifecycleEvent)?.Response is not { } response)
        {
            // An error event (or a response-less end): the result carries no response.
            return new TerminalRead(streamed, null, null, null, null);
        }

        ReadOnlyMemory<byte> message = _decoder!.Message;
        int count = response.Output?.Count ?? 0;
        if (!KeptEventJson.TryFindResponseParts(new ReadOnlySequence<byte>(message), _output, out TerminalRanges parts) || _output.Count != count)
        {
            // Not reached for a message the decoder read; the view's objects written out are the same values.
            return FromView(response, streamed);
        }

        return new TerminalRead(
            count == 0 ? streamed : KeepOutput(message.Span, response.Output!, streamed),
            parts.Usage is { } usage ? DecodeOwned<ResponseUsage>(message[usage]) : null,
            response.ServiceTier,
            parts.Error is { } error ? DecodeOwned<ResponseError>(message[error]) : null,
            parts.IncompleteDetails is { } incomplete ? DecodeOwned<IncompleteDetails>(message[incomplete]) : null);
    }

    /// <summary>The terminal response's output items (<see cref="_output"/> in <paramref name="message"/>), reusing the streamed copies of the same bytes.</summary>
    private List<OutputItem> KeepOutput(ReadOnlySpan<byte> message, List<OutputItem> viewItems, List<OutputItem> streamed)
    {
        bool same = streamed.Count == _output.Count;
        for (int i = 0; same && i < _output.Count; i++)
        {
            same = streamed[i] is KeptOutputItem kept && kept.Json.SequenceEqual(message[_output[i]]);
        }

        if (same)
        {
            return streamed;
        }

        var output = new List<OutputItem>(_output.Count);
        for (int i = 0; i < _output.Count; i++)
        {
            ReadOnlySpan<byte> json = message[_output[i]];
            output.Add(i < streamed.Count && streamed[i] is KeptOutputItem kept && kept.Json.SequenceEqual(json)
                ? kept
                : KeptOutputItem.Copy(json, viewItems[i].Kind));
        }

        return output;
    }

    /// <summary>The targeted read from the view's objects written out (a fallback that allocates more).</summary>
    private static TerminalRead FromView(Response response, List<OutputItem> streamed)
    {
        List<OutputItem> output = streamed;
        if (response.Output is { Count: > 0 } items)
        {
            output = new List<OutputItem>(items.Count);
            foreach (OutputItem item in items)
            {
                output.Add(KeptOutputItem.Copy(ProtocolJson.ToUtf8Bytes(item), item.Kind));
            }
        }

        return new TerminalRead(output, Own(response.Usage), response.ServiceTier, Own(response.Error), Own(response.IncompleteDetails));
    }

    private static T? Own<T>(T? value)
        where T : class, IJsonValue<T> => value is null ? null : DecodeOwned<T>(ProtocolJson.ToUtf8Bytes(value));

    /// <summary>An owned decode of one object's JSON (its values copied: the bytes are the reader's buffer).</summary>
    private static T DecodeOwned<T>(ReadOnlyMemory<byte> json)
        where T : IJsonValue<T>
    {
        JsonReadContext context = JsonReadContext.RentOwnedContext(json);
        try
        {
            var reader = new JsonScanner(json.Span);
            reader.Read();
            return T.ReadJson(ref reader, context);
        }
        finally
        {
            JsonReadContext.ReturnOwnedCopyContext(context);
        }
    }
}
