using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace ProtocolCore.Emulator;

/// <summary>
/// A response a lane is streaming, as steering sees it: the steers and injects posted to it (bounded) until it takes
/// them at a check point of its run, and whether it has taken its last ones. Posted from the connection's receive loop,
/// taken by the lane's runner.
/// </summary>
internal sealed class RunningResponse
{
    private readonly Lock _lock = new();
    private readonly Queue<MidTurnInput> _inbox = new();
    private readonly int _capacity;
    private TaskCompletionSource _arrived = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private bool _closed;

    public RunningResponse(string id, string? streamId, int capacity)
    {
        Id = id;
        StreamId = streamId;
        _capacity = capacity;
    }

    public string Id { get; }

    public string? StreamId { get; }

    public MidTurnPost Post(MidTurnInput input)
    {
        lock (_lock)
        {
            if (_closed)
            {
                return MidTurnPost.Closed;
            }

            if (_inbox.Count >= _capacity)
            {
                return MidTurnPost.Full;
            }

            _inbox.Enqueue(input);
            _arrived.TrySetResult();
            return MidTurnPost.Posted;
        }
    }

    /// <summary>Completes once something is posted (already complete when something waits).</summary>
    public Task Arrived
    {
        get
        {
            lock (_lock)
            {
                return _arrived.Task;
            }
        }
    }

    /// <summary>Everything posted so far, oldest first; with <paramref name="close"/> nothing more is accepted.</summary>
    public List<MidTurnInput> Take(bool close)
    {
        lock (_lock)
        {
            _closed |= close;
            List<MidTurnInput> taken = [.. _inbox];
            _inbox.Clear();
            if (_arrived.Task.IsCompleted)
            {
                _arrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }

            return taken;
        }
    }
}
