using System.Collections.Generic;
using System.Linq;

namespace ProtocolCore.Faults;

/// <summary>
/// Every request the fault server read, by its id. A receipt the server rejected before starting it
/// (<c>previous_response_not_found</c>) may be followed by another, since sending it again is not a replay; any
/// receipt after one the server accepted is a replay.
/// </summary>
public sealed class RequestLedger
{
    private readonly object _gate = new();
    private readonly Dictionary<string, List<bool>> _receipts = new(System.StringComparer.Ordinal);
    private readonly List<string> _replays = [];

    /// <summary>Records a receipt; true when an earlier receipt of this id was accepted (this one is a replay).</summary>
    public bool Receive(string requestId)
    {
        lock (_gate)
        {
            if (!_receipts.TryGetValue(requestId, out List<bool>? receipts))
            {
                receipts = [];
                _receipts.Add(requestId, receipts);
            }

            // Accepted until Reject says otherwise.
            bool replay = receipts.Contains(true);
            receipts.Add(true);
            if (replay)
            {
                _replays.Add($"{requestId} (receipt {receipts.Count})");
            }

            return replay;
        }
    }

    /// <summary>The last receipt of <paramref name="requestId"/> was rejected before the response started.</summary>
    public void Reject(string requestId)
    {
        lock (_gate)
        {
            List<bool> receipts = _receipts[requestId];
            receipts[^1] = false;
        }
    }

    /// <summary>Distinct request ids received.</summary>
    public int Requests
    {
        get
        {
            lock (_gate)
            {
                return _receipts.Count;
            }
        }
    }

    /// <summary>Every receipt, rejected ones included.</summary>
    public int Receipts
    {
        get
        {
            lock (_gate)
            {
                return _receipts.Values.Sum(r => r.Count);
            }
        }
    }

    /// <summary>How many times request <paramref name="requestId"/> was received.</summary>
    public int ReceiptsOf(string requestId)
    {
        lock (_gate)
        {
            return _receipts.TryGetValue(requestId, out List<bool>? receipts) ? receipts.Count : 0;
        }
    }

    /// <summary>Each replayed receipt: "id (receipt n)".</summary>
    public IReadOnlyList<string> Replays
    {
        get
        {
            lock (_gate)
            {
                return [.. _replays];
            }
        }
    }
}
