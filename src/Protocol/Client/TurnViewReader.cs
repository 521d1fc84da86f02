using System;
using ProtocolCore.Events;
using ProtocolCore.Json;

namespace ProtocolCore.Client;

/// <summary>
/// The view path's reading for a session's turns (<see cref="ResponsesSession.ReadTurnAsync"/>; one per session, its
/// turns running one at a time). Each message is decoded by a <see cref="ViewDecoder"/> lent from
/// <see cref="ViewDecoderPool"/> for as long as its view lives: the decoder copies the message into a buffer of its
/// own, so the view stays valid whoever reads the connection's next message (the receive slot goes back at the next
/// receive, and on a shared connection another lane's reader may do that receive while the view is still in use), and
/// goes back when the turn's caller asks for the next event (<see cref="ReleaseDecoder"/>). What this keeps is its
/// string cache: a turn's ids read once per turn, and the short values a session repeats every turn (the model, the
/// tools' names and descriptions, object and role names) once per session. Every kind is a view, the ones the session keeps past
/// it too (<c>response.output_item.done</c>, the terminal events): the session takes what it needs from their JSON
/// while the view is valid (<see cref="KeepItem"/>, <see cref="ReadTerminal"/>).
/// </summary>
internal sealed partial class TurnViewReader : IDisposable
{
    /// <summary>The session's strings, lent to each decoder it rents.</summary>
    private readonly Utf8StringCache _strings = new();

    /// <summary>The decoder of the current view; null between a release and the next read.</summary>
    private ViewDecoder? _decoder;

    /// <summary>True while a decoder is lent to this reader (tests).</summary>
    internal bool HoldsDecoder => _decoder is not null;

    /// <summary>Decodes <paramref name="utf8Json"/> into a view (<paramref name="isView"/>, always true) valid until the next call or <see cref="ReleaseDecoder"/>.</summary>
    /// <exception cref="ProtocolJsonException">The message is not one well-formed event.</exception>
    public ResponsesEvent Read(ReadOnlyMemory<byte> utf8Json, out bool isView)
    {
        _kept = null;
        ViewDecoder decoder = _decoder ??= ViewDecoderPool.Rent(_strings);
        ResponsesEvent view = decoder.Read(utf8Json.Span);
        if (view is OutputItemDoneEvent || ResponsesTerminal.IsTerminal(view))
        {
            // Its JSON is looked at only if the session asks (not for another lane's event, copied owned instead).
            _kept = view;
        }

        isView = true;
        return view;
    }

    /// <summary>
    /// The turn's caller asked for its next event, so the last view is no longer used: its decoder goes back to the
    /// pool, for any turn's next event (the next <see cref="Read"/> rents one again).
    /// </summary>
    public void ReleaseDecoder()
    {
        _kept = null;
        if (_decoder is { } decoder)
        {
            _decoder = null;
            ViewDecoderPool.Return(decoder);
        }
    }

    /// <summary>
    /// The turn is over: the decoder goes back, and the turn's long values (its text, a call's arguments: the next turn
    /// has others) are forgotten. Short ones stay: the next turn's model, tool names and descriptions are the same
    /// strings, and this turn's ids give way to the next turn's in their sets.
    /// </summary>
    public void EndTurn()
    {
        ReleaseDecoder();
        _strings.ForgetLongValues();
    }

    /// <summary>Lets go of everything; the views handed out are invalid afterwards (the session is done with them).</summary>
    public void Dispose()
    {
        ReleaseDecoder();
        _strings.Clear();
    }
}
