namespace ProtocolCore.WebSockets;

/// <summary>How a connection's socket waits for data and where the code awaiting it then runs.</summary>
public enum WebSocketIoMode
{
    /// <summary>
    /// The runtime's sockets: each read that has to wait completes through the runtime's socket engine on a
    /// thread-pool thread. Any code may run after an await.
    /// </summary>
    ThreadPool = 0,

    /// <summary>
    /// ProtocolCore's own event loops (Linux epoll, one thread per processor, at most 16): a read that has to wait
    /// completes on the loop thread, and the code awaiting the connection's events (an <c>await foreach</c> body over a
    /// turn) continues there, without a thread-pool hop per event. That code must not block (no synchronous waits, no
    /// long CPU work: hand that to a task), since the loop serves every connection on it meanwhile. Costs less CPU per
    /// event and less delivery lag when many connections stream at once. On other systems this is
    /// <see cref="ThreadPool"/>.
    /// </summary>
    EventLoop = 1,
}
