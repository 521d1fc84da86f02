using System;
using System.IO;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using System.Threading.Tasks.Sources;

namespace ProtocolCore.Sockets;

/// <summary>
/// One direction (receive or send) of an <see cref="EventLoopSocketStream"/>: at most one operation at a time, tried at
/// once without blocking and, when the socket would block, left pending until the event loop sees the socket ready
/// and finishes it on the loop thread (where the awaiting code then runs, inline).
/// </summary>
/// <remarks>
/// Edge-triggered readiness is counted: <see cref="_readiness"/> goes up on every edge the loop sees, and an operation
/// only goes pending if no edge came since its last attempt, so an edge that lands between a "would block" and the
/// pending mark is never lost. <see cref="_drained"/> is the count at which the socket was last seen empty (a "would
/// block", or a receive shorter than its buffer, which on TCP means the queue ran dry): while no edge has come since,
/// a new operation goes pending without a system call, which is what a paced stream's zero-byte waits mostly are. New
/// data always brings a new edge; the end of the stream does not once a receive took it with the last bytes, so after
/// a hang-up (EPOLLRDHUP, EPOLLHUP, EPOLLERR) every operation tries the socket.
/// Cancellation and close complete the operation on the thread pool; only the loop completes inline.
/// </remarks>
internal sealed class SocketOperation : IValueTaskSource<int>, IValueTaskSource
{
    private static readonly Action<object?> s_cancel = static state => ((SocketOperation)state!).Cancel();

    private readonly Socket _socket;
    private readonly bool _receive;
    private readonly object _gate = new();
    private ManualResetValueTaskSourceCore<int> _completion;
    private int _readiness;
    private int _drained = -1;
    private bool _pending;
    private Memory<byte> _buffer;
    private CancellationToken _cancellationToken;
    private CancellationTokenRegistration _cancellation;
    private bool _closed;
    private bool _hungUp;

    public SocketOperation(Socket socket, bool receive)
    {
        _socket = socket;
        _receive = receive;
    }

    /// <summary>
    /// Receives into <paramref name="buffer"/>; an empty buffer waits until the socket is readable (data or its end)
    /// without taking anything. Completes with the bytes received, 0 at the end of the stream.
    /// </summary>
    public ValueTask<int> ReceiveAsync(Memory<byte> buffer, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return ValueTask.FromCanceled<int>(cancellationToken);
        }

        while (true)
        {
            int seen = Volatile.Read(ref _readiness);
            if (seen != _drained || Volatile.Read(ref _hungUp))
            {
                SocketError error = TryReceive(buffer.Span, out int received);
                if (error == SocketError.Success)
                {
                    if (received < buffer.Length && received > 0)
                    {
                        _drained = seen;
                    }

                    return new ValueTask<int>(received);
                }

                if (error != SocketError.WouldBlock)
                {
                    return ValueTask.FromException<int>(ToException(error));
                }

                _drained = seen;
            }

            if (TryPend(seen, buffer, cancellationToken, out short token))
            {
                return new ValueTask<int>(this, token);
            }
        }
    }

    /// <summary>The edges seen so far; pass it to <see cref="WaitForEdgeAsync"/> after checking the socket's state.</summary>
    public int Readiness => Volatile.Read(ref _readiness);

    /// <summary>
    /// Completes at the first edge after <paramref name="seen"/> (at once if one came already): for a caller that
    /// checks some state of the socket itself, as a connect in progress does.
    /// </summary>
    public ValueTask WaitForEdgeAsync(int seen, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return ValueTask.FromCanceled(cancellationToken);
        }

        return TryPend(seen, Memory<byte>.Empty, cancellationToken, out short token) ? new ValueTask(this, token) : default;
    }

    /// <summary>Sends all of <paramref name="buffer"/>.</summary>
    public ValueTask SendAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return ValueTask.FromCanceled(cancellationToken);
        }

        Memory<byte> remaining = MemoryMarshal.AsMemory(buffer);
        while (true)
        {
            int seen = Volatile.Read(ref _readiness);
            while (!remaining.IsEmpty)
            {
                int sent = _socket.Send(remaining.Span, SocketFlags.None, out SocketError error);
                if (error == SocketError.WouldBlock)
                {
                    break;
                }

                if (error != SocketError.Success)
                {
                    return ValueTask.FromException(ToException(error));
                }

                remaining = remaining.Slice(sent);
                if (remaining.IsEmpty)
                {
                    return default;
                }
            }

            if (TryPend(seen, remaining, cancellationToken, out short token))
            {
                return new ValueTask(this, token);
            }
        }
    }

    /// <summary>
    /// The loop saw an edge for this direction (<paramref name="hungUp"/>: the peer closed or the socket failed): finish
    /// the pending operation if the socket now lets it.
    /// </summary>
    public void OnReady(bool hungUp)
    {
        Exception? failure = null;
        int result;
        CancellationTokenRegistration cancellation;
        lock (_gate)
        {
            // An end of stream or an error stays readable, with no edge to come: a receive shorter than its buffer may
            // have taken the last bytes and the end together, so from now on "drained" proves nothing.
            _hungUp |= hungUp;
            int seen = ++_readiness;
            if (!_pending)
            {
                return;
            }

            SocketError error = _receive ? Receive(out result) : Send(out result);
            if (error == SocketError.WouldBlock)
            {
                // A spurious or partial edge: stay pending until the next one.
                _drained = seen;
                return;
            }

            if (error != SocketError.Success)
            {
                failure = ToException(error);
            }
            else if (_receive && result < _buffer.Length && result > 0)
            {
                _drained = seen;
            }

            cancellation = Take();
        }

        cancellation.Unregister();
        Complete(result, failure, inline: true);
    }

    /// <summary>The socket is being closed: a pending operation fails, and later ones too.</summary>
    public void Close()
    {
        CancellationTokenRegistration cancellation;
        lock (_gate)
        {
            _closed = true;
            if (!_pending)
            {
                return;
            }

            cancellation = Take();
        }

        cancellation.Unregister();
        Complete(0, new IOException("The connection was closed while an operation was pending.", new SocketException((int)SocketError.OperationAborted)), inline: false);
    }

    int IValueTaskSource<int>.GetResult(short token) => _completion.GetResult(token);

    void IValueTaskSource.GetResult(short token) => _completion.GetResult(token);

    ValueTaskSourceStatus IValueTaskSource<int>.GetStatus(short token) => _completion.GetStatus(token);

    ValueTaskSourceStatus IValueTaskSource.GetStatus(short token) => _completion.GetStatus(token);

    void IValueTaskSource<int>.OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        _completion.OnCompleted(continuation, state, token, flags);

    void IValueTaskSource.OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        _completion.OnCompleted(continuation, state, token, flags);

    private static IOException ToException(SocketError error) =>
        new($"The socket operation failed: {error}.", new SocketException((int)error));

    private SocketError TryReceive(Span<byte> buffer, out int received)
    {
        if (buffer.IsEmpty)
        {
            // Readable means data or the end of the stream: a one-byte peek tells without taking it.
            Span<byte> peek = stackalloc byte[1];
            _socket.Receive(peek, SocketFlags.Peek, out SocketError peekError);
            received = 0;
            return peekError;
        }

        received = _socket.Receive(buffer, SocketFlags.None, out SocketError error);
        return error;
    }

    private SocketError Receive(out int received) => TryReceive(_buffer.Span, out received);

    /// <summary>Sends what is left of the pending buffer (nothing for <see cref="WaitForEdgeAsync"/>, whose answer is the edge).</summary>
    private SocketError Send(out int sent)
    {
        sent = 0;
        while (!_buffer.IsEmpty)
        {
            int count = _socket.Send(_buffer.Span, SocketFlags.None, out SocketError error);
            if (error != SocketError.Success)
            {
                return error;
            }

            _buffer = _buffer.Slice(count);
        }

        return SocketError.Success;
    }

    private bool TryPend(int seen, Memory<byte> buffer, CancellationToken cancellationToken, out short token)
    {
        lock (_gate)
        {
            token = 0;
            if (_closed)
            {
                throw new ObjectDisposedException(nameof(EventLoopSocketStream));
            }

            if (_readiness != seen)
            {
                // An edge arrived since the attempt: try again rather than wait for one that already came.
                return false;
            }

            _completion.Reset();
            token = _completion.Version;
            _buffer = buffer;
            _pending = true;
            _cancellationToken = cancellationToken;

            // Registered under the lock: a token cancelled meanwhile runs Cancel here, which (the lock being
            // re-entrant) finds the operation pending and completes it.
            _cancellation = cancellationToken.UnsafeRegister(s_cancel, this);
            return true;
        }
    }

    private CancellationTokenRegistration Take()
    {
        _pending = false;
        _buffer = default;
        CancellationTokenRegistration cancellation = _cancellation;
        _cancellation = default;
        return cancellation;
    }

    private void Cancel()
    {
        CancellationToken cancellationToken;
        lock (_gate)
        {
            if (!_pending)
            {
                return;
            }

            cancellationToken = _cancellationToken;
            _ = Take();
        }

        Complete(0, new OperationCanceledException(cancellationToken), inline: false);
    }

    private void Complete(int result, Exception? failure, bool inline)
    {
        _cancellationToken = default;
        _completion.RunContinuationsAsynchronously = !inline;
        if (failure is null)
        {
            _completion.SetResult(result);
        }
        else
        {
            _completion.SetException(failure);
        }
    }
}
