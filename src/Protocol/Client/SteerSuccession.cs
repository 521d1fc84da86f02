using ProtocolCore.Events;
using ProtocolCore.Models;

namespace ProtocolCore.Client;

/// <summary>
/// Where a response's stream ends once steering is possible: a response that had a steer accepted and then ends
/// <c>incomplete</c> with reason <c>steered</c> hands over to the successor the server starts on the same lane, so its
/// terminal event does not end the stream; the successor's does. The router, the connection's response stream and the
/// session each keep one over the same events in the same order, so they agree without sharing state.
/// </summary>
internal struct SteerSuccession
{
    private int _accepted;

    /// <summary>Whether <paramref name="item"/> ends the stream (a terminal event that is not a steered hand-off).</summary>
    public bool Ends(ResponsesEvent item)
    {
        if (item is SteerAcceptedEvent)
        {
            _accepted++;
            return false;
        }

        if (!ResponsesTerminal.IsTerminal(item))
        {
            return false;
        }

        if (_accepted > 0 && IsSteeredEnd(item))
        {
            // Every steer accepted so far went into this successor.
            _accepted = 0;
            return false;
        }

        return true;
    }

    /// <summary><c>response.incomplete</c> with <c>incomplete_details.reason = "steered"</c> and a response id to chain from.</summary>
    public static bool IsSteeredEnd(ResponsesEvent item) =>
        item is ResponseIncompleteEvent { Response: { Id.Length: > 0, IncompleteDetails.Reason: { } reason } } && reason.Is(IncompleteReason.Steered);
}
