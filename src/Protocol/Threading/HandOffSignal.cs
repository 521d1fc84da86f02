using System;
using System.Threading;
using System.Threading.Tasks;
using System.Threading.Tasks.Sources;

namespace ProtocolCore.Threading;

/// <summary>
/// A reusable one-shot signal, like <see cref="AsyncSignal"/>, whose setter chooses where the waiter goes on: on the
/// thread pool (<see cref="Set"/>), or on the setter's own thread, now (<see cref="SetInline"/>). The receive queue's
/// consumer waits on one: the receive loop hands it an event inline once the loop itself is suspended, so an event
/// costs one thread-pool work item instead of two. No allocation per wait. Callers guard Set with a "waiting" flag
/// under their own lock, as with <see cref="AsyncSignal"/>.
/// </summary>
internal sealed class HandOffSignal : IValueTaskSource, IThreadPoolWorkItem
{
    // Continuations run where SetResult is called: on the pool for Set (its work item calls it), inline for SetInline.
    private ManualResetValueTaskSourceCore<bool> _core = new() { RunContinuationsAsynchronously = false };

    public void Reset() => _core.Reset();

    public ValueTask WaitAsync() => new(this, _core.Version);

    /// <summary>Completes the wait on a thread-pool thread: the waiter's code never runs on the caller's thread.</summary>
    public void Set() => ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: true);

    /// <summary>
    /// Completes the wait on this thread: the waiter's continuation runs before this returns, for as long as it runs.
    /// Only for a caller with nothing left to do on this thread that anyone waits for.
    /// </summary>
    public void SetInline() => _core.SetResult(true);

    void IThreadPoolWorkItem.Execute() => _core.SetResult(true);

    public void GetResult(short token) => _core.GetResult(token);

    public ValueTaskSourceStatus GetStatus(short token) => _core.GetStatus(token);

    public void OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        _core.OnCompleted(continuation, state, token, flags);
}
