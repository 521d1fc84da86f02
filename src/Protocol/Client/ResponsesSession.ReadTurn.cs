using System;
using System.Collections.Generic;
using System.Threading;
using ProtocolCore.Events;
using ProtocolCore.Models;

namespace ProtocolCore.Client;

public sealed partial class ResponsesSession
{
    /// <summary>
    /// The session's view reader, made by its first <see cref="ReadTurnAsync"/> turn and kept: what it holds between
    /// turns is its string cache (the session's short values, read once per session), under 1 KB in a typical session;
    /// the decoders are lent per event (<see cref="ViewDecoderPool"/>).
    /// </summary>
    private TurnViewReader? _keptViewReader;

    /// <summary>True while a view turn's attempt or connection refers to the reader, or its last view's decoder is held (tests check an idle session holds none).</summary>
    internal bool HoldsViewReader => _keptViewReader?.HoldsDecoder == true || _attempt.HoldsViewReader || _traffic.Connection?.HoldsViewReader == true;

    /// <summary>The reader for a view turn that starts now (turns run one at a time, so one serves them all).</summary>
    private TurnViewReader BeginViewTurn() => _keptViewReader ??= new TurnViewReader();

    /// <summary>The turn is over: its decoder goes back to the pool (its views are invalid from now on).</summary>
    private void ReturnViewReader()
    {
        // The session keeps its attempt between turns: it must not keep the decoder alive past the pool.
        _attempt.EndTurn();
        _keptViewReader?.EndTurn();
    }

    /// <summary>
    /// Runs one turn like <see cref="RunTurnAsync"/> (the same chaining, retries, reconnects, errors and result in
    /// <see cref="LastTurn"/>), but yields views: each event, its strings and its lists are valid only until the next
    /// <c>MoveNextAsync</c>, as with <see cref="ResponsesEventReader.Read(ReadOnlyMemory{byte})"/>, so a steady stream of
    /// deltas allocates nothing. Copy what must live longer (<see cref="ResponsesEventJson.Clone"/>, or
    /// <see cref="Json.Utf8Text.ToString"/> of a member). Every event is a view, <c>response.output_item.done</c> and the
    /// terminal events too: the session keeps what it needs from their JSON on its own (each finished item's bytes, for
    /// the conversation and <see cref="ResponsesTurnResult.Output"/>, decoded only when read; the response id, usage and
    /// service tier), so <see cref="ResponsesTurnResult.Response"/> is null after a view turn.
    /// </summary>
    /// <remarks>
    /// No view is valid after the next <c>MoveNextAsync</c> (nor after the turn): its decoder then serves another event,
    /// possibly another session's, as a pooled buffer does once returned. As with
    /// <see cref="RunTurnAsync"/>, the sequence is enumerated once.
    /// In HTTP mode events are views too (decoded from the SSE <c>data:</c> into the same kind of buffer). On a connection
    /// shared by lanes, events another lane's reader read for this one arrive owned (they were buffered).
    /// </remarks>
    /// <exception cref="ResponsesApiException">The response ended with an <c>error</c> event (after it was yielded) that no retry fixed.</exception>
    /// <exception cref="ResponseInterruptedException">The connection dropped after the request was sent; it was not replayed.</exception>
    public IAsyncEnumerable<ResponsesEvent> ReadTurnAsync(IEnumerable<InputItem> newItems, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(newItems);
        return TurnTelemetry.Observe(this, StartTurn(newItems, generate: true, views: true, cancellationToken), cancellationToken);
    }
}
