using System;
using System.Runtime.CompilerServices;
using System.Threading.Tasks;

namespace ProtocolCore.WebSockets;

/// <summary>
/// The receive loop's wait for data, awaited so that the consumer is woken for the messages just published only once
/// the loop is suspended: its continuation is registered on the wait first, then the consumer runs inline on this
/// thread (<see cref="WebSocketReceiveQueue.WakeConsumer"/>). One thread-pool work item per batch of events, as with a
/// <c>ClientWebSocket</c> read in the consumer's own loop, instead of one for the loop and one more for the consumer.
/// </summary>
/// <remarks>
/// Why inline is safe here: the loop's own continuation is already with the socket, so when data arrives it runs on
/// the pool whatever the consumer does on this thread; a consumer that does slow work after its <c>MoveNextAsync</c>
/// holds up a pool thread, never the receive loop (pings, other lanes, backpressure go on). When the wait completes at
/// once (more data is there), the consumer is woken on the pool and the loop reads on. On
/// <see cref="WebSocketIoMode.EventLoop"/> "this thread" is the event loop's, so there the consumer's code holds up the
/// loop's other sockets while it runs: that mode's documented contract is that such code does not block.
/// </remarks>
internal readonly struct DataWaitHandOff : ICriticalNotifyCompletion
{
    /// <summary>The stream's zero-byte read.</summary>
    private readonly ValueTask<int> _wait;
    private readonly WebSocketReceiveQueue _queue;

    public DataWaitHandOff(ValueTask<int> wait, WebSocketReceiveQueue queue)
    {
        _wait = wait;
        _queue = queue;
    }

    public bool IsCompleted => _wait.IsCompleted;

    public DataWaitHandOff GetAwaiter() => this;

    public void GetResult()
    {
        try
        {
            _wait.GetAwaiter().GetResult();
        }
        finally
        {
            // Completed at once (or woken meanwhile): anything still owed to the consumer goes by the pool.
            _queue.WakeConsumer(inline: false);
        }
    }

    public void OnCompleted(Action continuation)
    {
        _wait.ConfigureAwait(false).GetAwaiter().OnCompleted(continuation);
        _queue.WakeConsumer(inline: true);
    }

    public void UnsafeOnCompleted(Action continuation)
    {
        _wait.ConfigureAwait(false).GetAwaiter().UnsafeOnCompleted(continuation);
        _queue.WakeConsumer(inline: true);
    }
}
