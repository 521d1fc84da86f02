using System.Threading.Tasks;

namespace ProtocolCore.Client;

/// <summary>
/// The fork race rule (spec §1.6, G-LATE): a fork's first request chains from a response held in another lane's cache
/// slot (its parent), and that lane's next response replaces (or, failing, evicts) the parent. So once the fork has
/// sent its <c>response.create</c>, the parent's lane must not advance until the fork's <c>response.in_progress</c>
/// (the server has read the parent) or its failure. The fork claims the gate before it sends; the parent's lane, before
/// it sends, waits for a claimed gate and supersedes an unclaimed one (the fork then sends the full context instead of
/// chaining from a parent that may be gone). Guarded by the <see cref="LaneManager"/>'s lock.
/// </summary>
internal sealed class ForkGate
{
    private TaskCompletionSource? _claim;

    public ForkGate(string parentId, string? parentLane)
    {
        ParentId = parentId;
        ParentLane = parentLane;
    }

    /// <summary>The response the fork chains from.</summary>
    public string ParentId { get; }

    /// <summary>The lane whose cache slot holds the parent (null: the default lane).</summary>
    public string? ParentLane { get; }

    public ForkGateState State { get; private set; }

    /// <summary>The fork is about to send a request chained from the parent: true if the parent's lane has not moved on.</summary>
    public bool TryClaim()
    {
        if (State is not ForkGateState.Pending)
        {
            return State is ForkGateState.Claimed;
        }

        State = ForkGateState.Claimed;
        _claim = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        return true;
    }

    /// <summary>The fork's request was read by the server (<c>response.in_progress</c>) or ended: the parent's lane may go on.</summary>
    public void Release()
    {
        if (State is ForkGateState.Claimed)
        {
            State = ForkGateState.Pending;
            _claim!.TrySetResult();
            _claim = null;
        }
    }

    /// <summary>The fork no longer needs the parent (it has a response of its own, or it was disposed).</summary>
    public void Retire()
    {
        Release();
        State = ForkGateState.Retired;
    }

    /// <summary>The parent's lane is about to send: the task to wait for when the fork is sending; otherwise the fork loses the parent.</summary>
    public Task? Advance()
    {
        if (State is ForkGateState.Claimed)
        {
            return _claim!.Task;
        }

        if (State is ForkGateState.Pending)
        {
            State = ForkGateState.Superseded;
        }

        return null;
    }

    public override string ToString() => $"ForkGate {{ Parent = {ParentId}, Lane = {ParentLane ?? "(default)"}, State = {State} }}";
}
