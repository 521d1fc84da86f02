using System.Collections.Generic;
using ProtocolCore.Events;
using ProtocolCore.Faults;

namespace ProtocolCore.Client.Tests;

/// <summary>Checks a turn's events against the one response the fault server streams for its request id.</summary>
internal static class FaultStormEvents
{
    /// <summary>
    /// Null when <paramref name="events"/> are that response's events in order (all of them when
    /// <paramref name="complete"/>, a prefix otherwise); else what differs first (a lost, duplicated or crossed event).
    /// </summary>
    public static string? Check(string requestId, IReadOnlyList<ResponsesEvent> events, bool complete)
    {
        IReadOnlyList<string> types = StormResponse.EventTypes(requestId);
        IReadOnlyList<string> deltas = StormResponse.Deltas(requestId);
        string responseId = StormResponse.ResponseId(requestId);
        string itemId = StormResponse.ItemId(requestId);
        string text = StormResponse.Text(requestId);
        if (complete ? events.Count != types.Count : events.Count > types.Count)
        {
            return $"{events.Count} events (the response has {types.Count})";
        }

        for (int i = 0; i < events.Count; i++)
        {
            ResponsesEvent e = events[i];
            if (e.Type != types[i] || e.SequenceNumber != i)
            {
                return $"event {i} is {e.Type} #{e.SequenceNumber} (expected {types[i]} #{i})";
            }

            string? wrong = e switch
            {
                IResponseLifecycleEvent { Response.Id: var id } when id != responseId => $"response id {id}",
                OutputTextDeltaEvent delta when delta.ItemId?.ToString() != itemId || delta.Delta?.ToString() != deltas[i - 4] => $"delta {Describe(delta.Delta?.ToString())} of item {delta.ItemId}",
                OutputItemDoneEvent or ResponseCompletedEvent when !e.ToString().Contains(text, System.StringComparison.Ordinal) => "an output without the streamed text",
                _ => null,
            };
            if (wrong is not null)
            {
                return $"event {i} ({e.Type}) has {wrong}";
            }
        }

        return null;
    }

    private static string Describe(string? delta) => delta is null ? "(none)" : delta.Length <= 24 ? delta : delta[..24] + "...";
}
