using System.Threading.Tasks;
using System.Threading.Tasks.Sources;

namespace ProtocolCore.Threading;

/// <summary>
/// A reusable one-shot signal without allocation per wait: <see cref="Reset"/>, hand out <see cref="WaitAsync"/>, then
/// <see cref="Set"/> exactly once. Callers guard Set with a "waiting" flag under their own lock.
/// </summary>
internal sealed class AsyncSignal : IValueTaskSource
{
    // Continuations run on the thread pool: the waiter's code must never run on the thread that sets the signal (a
    // receive loop, or another caller's read).
    private ManualResetValueTaskSourceCore<bool> _core = new() { RunContinuationsAsynchronously = true };

    public void Reset() => _core.Reset();

    public ValueTask WaitAsync() => new(this, _core.Version);

    public void Set() => _core.SetResult(true);

    public void GetResult(short token) => _core.GetResult(token);

    public ValueTaskSourceStatus GetStatus(short token) => _core.GetStatus(token);

    public void OnCompleted(System.Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        _core.OnCompleted(continuation, state, token, flags);
}
