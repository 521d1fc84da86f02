using System;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;

namespace ProtocolCore.Sockets;

/// <summary>
/// A TCP connection served by a <see cref="SocketEventLoop"/> instead of the runtime's socket engine: non-blocking
/// receives and sends that complete at once when they can, and otherwise on the loop thread, where the awaiting code
/// continues (the reason it exists: no thread-pool hop per read). One read and one write may be outstanding at a
/// time, as with <see cref="NetworkStream"/>; the synchronous <see cref="Read(Span{byte})"/> and
/// <see cref="Write(ReadOnlySpan{byte})"/> wait with <c>poll</c> and never involve the loop.
/// </summary>
internal sealed class EventLoopSocketStream : Stream
{
    private readonly Socket _socket;
    private readonly SocketEventLoop _loop;
    private readonly SocketOperation _receive;
    private readonly SocketOperation _send;
    private int _disposed;

    private EventLoopSocketStream(Socket socket)
    {
        _socket = socket;
        _receive = new SocketOperation(socket, receive: true);
        _send = new SocketOperation(socket, receive: false);
        _loop = SocketEventLoop.Next();
    }

    /// <summary>The token this socket's events carry on its loop (its slot and a generation).</summary>
    internal ulong Token { get; set; }

    public override bool CanRead => true;

    public override bool CanWrite => true;

    public override bool CanSeek => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    /// <summary>
    /// Resolves <paramref name="host"/> and connects to its addresses in turn, as <see cref="Socket.ConnectAsync(string, int, CancellationToken)"/>
    /// does, with Nagle off.
    /// </summary>
    /// <exception cref="SocketException">No address accepted the connection (the last address's error).</exception>
    public static async Task<EventLoopSocketStream> ConnectAsync(string host, int port, CancellationToken cancellationToken)
    {
        IPAddress[] addresses = IPAddress.TryParse(host, out IPAddress? literal)
            ? [literal]
            : await Dns.GetHostAddressesAsync(host, cancellationToken).ConfigureAwait(false);
        SocketException? last = null;
        foreach (IPAddress address in addresses)
        {
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true, Blocking = false };
            var stream = new EventLoopSocketStream(socket);
            try
            {
                await stream.ConnectAsync(new IPEndPoint(address, port), cancellationToken).ConfigureAwait(false);
                return stream;
            }
            catch (SocketException e)
            {
                last = e;
                stream.Dispose();
            }
            catch
            {
                stream.Dispose();
                throw;
            }
        }

        throw last ?? new SocketException((int)SocketError.HostNotFound);
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        return _receive.ReceiveAsync(buffer, cancellationToken);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        return buffer.IsEmpty ? default : _send.SendAsync(buffer, cancellationToken);
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        while (true)
        {
            int received = _socket.Receive(buffer, SocketFlags.None, out SocketError error);
            if (error == SocketError.Success)
            {
                return received;
            }

            if (error != SocketError.WouldBlock)
            {
                throw new IOException($"The socket operation failed: {error}.", new SocketException((int)error));
            }

            _socket.Poll(-1, SelectMode.SelectRead);
        }
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        while (!buffer.IsEmpty)
        {
            int sent = _socket.Send(buffer, SocketFlags.None, out SocketError error);
            if (error == SocketError.WouldBlock)
            {
                _socket.Poll(-1, SelectMode.SelectWrite);
                continue;
            }

            if (error != SocketError.Success)
            {
                throw new IOException($"The socket operation failed: {error}.", new SocketException((int)error));
            }

            buffer = buffer.Slice(sent);
        }
    }

    public override void Flush()
    {
    }

    public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    /// <summary>Called by the loop with the epoll event mask: errors and hang-ups wake both directions, whose next attempt reports them.</summary>
    internal void OnReady(uint events)
    {
        const uint Failed = EpollInterop.EPOLLERR | EpollInterop.EPOLLHUP;
        if ((events & (EpollInterop.EPOLLIN | EpollInterop.EPOLLRDHUP | Failed)) != 0)
        {
            _receive.OnReady(hungUp: (events & (EpollInterop.EPOLLRDHUP | Failed)) != 0);
        }

        if ((events & (EpollInterop.EPOLLOUT | Failed)) != 0)
        {
            _send.OnReady(hungUp: (events & Failed) != 0);
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing && Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _receive.Close();
            _send.Close();
            if (Token != 0)
            {
                _loop.Unregister(Token, (int)_socket.Handle);
            }

            _socket.Dispose();
        }

        base.Dispose(disposing);
    }

    /// <summary>
    /// A non-blocking connect: started here, registered with the loop (which reports the current state of a socket it
    /// adds), then finished when the socket turns writable; <c>SO_ERROR</c> says how it ended.
    /// </summary>
    private async Task ConnectAsync(IPEndPoint endPoint, CancellationToken cancellationToken)
    {
        bool inProgress = false;
        try
        {
            _socket.Connect(endPoint);
        }
        catch (SocketException e) when (e.SocketErrorCode is SocketError.WouldBlock or SocketError.InProgress)
        {
            inProgress = true;
        }

        _loop.Register(this, (int)_socket.Handle);
        while (inProgress)
        {
            // The edge count first: an edge after it wakes the wait below even if it came before the wait began.
            int seen = _send.Readiness;
            if (_socket.GetSocketOption(SocketOptionLevel.Socket, SocketOptionName.Error) is int error && error != 0)
            {
                throw new SocketException(error);
            }

            if (_socket.Poll(0, SelectMode.SelectWrite))
            {
                break;
            }

            await _send.WaitForEdgeAsync(seen, cancellationToken).ConfigureAwait(false);
        }
    }
}
