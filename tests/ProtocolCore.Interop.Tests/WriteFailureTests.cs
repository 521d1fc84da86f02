using System;
using System.IO;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using ProtocolCore.WebSockets;
using Xunit;

namespace ProtocolCore.Interop.Tests;

/// <summary>
/// Our writes failing at the worst moments (the peer closed and reset, the socket died mid-send): the consumer gets
/// the outcome that really happened, typed, and <see cref="WebSocketConnection.DisposeAsync"/> never throws.
/// </summary>
public class WriteFailureTests
{
    [Fact]
    public async Task PeerCloseWhoseEchoCannotBeSent_IsStillTheCleanClose()
    {
        using var writesFail = new ManualResetEventSlim();
        using var server = new ScriptedServer(stream =>
        {
            stream.Write(ScriptedServer.Text("last words"));
            writesFail.Wait(Client.Deadline);
            stream.Write(ScriptedServer.Frame(WebSocketOpcode.Close, [0x03, 0xE8, (byte)'b', (byte)'y', (byte)'e']));
            Thread.Sleep(100);
        });

        var (connection, stream) = await ConnectAsync(server);
        WebSocketReceivedMessage first = await Client.ReceiveAsync(connection);
        Assert.Equal("last words", Client.Utf8(first.Payload));

        // Every write from now on fails as a write to a reset socket does; the echo of the close is one.
        stream.FailWrites = true;
        writesFail.Set();
        WebSocketReceivedMessage close = await Client.ReceiveAsync(connection);
        Assert.True(close.IsClose);
        Assert.Equal(WebSocketCloseCode.NormalClosure, close.CloseStatus);
        Assert.Equal("bye", close.CloseReason);
        await connection.Completion.WaitAsync(Client.Deadline);
        Assert.Equal(WebSocketCloseCode.NormalClosure, connection.CloseStatus);
        await connection.DisposeAsync();
    }

    [Fact]
    public async Task ProtocolErrorWhoseCloseCannotBeSent_StillReportsTheProtocolError()
    {
        using var server = new ScriptedServer(stream =>
        {
            stream.Write(ScriptedServer.Frame(WebSocketOpcode.Text, "hi"u8, firstByteExtra: 0x20));
            Thread.Sleep(100);
        });

        var (connection, stream) = await ConnectAsync(server);
        stream.FailWrites = true;
        var error = await Assert.ThrowsAsync<WebSocketProtocolException>(() => Client.ReceiveAsync(connection));
        Assert.Equal(WebSocketCloseCode.ProtocolError, error.CloseStatus);
        await connection.DisposeAsync();
    }

    [Fact]
    public async Task FailedSend_IsTyped_LaterSendsSayNothingWasSent_AndDisposeDoesNotThrow()
    {
        using var server = new ScriptedServer(stream =>
        {
            try
            {
                ScriptedServer.ReadClose(stream);
            }
            catch (IOException)
            {
                // The client goes away without a close: that is the point.
            }
        });

        var (connection, stream) = await ConnectAsync(server);
        stream.FailWrites = true;
        var lost = await Assert.ThrowsAsync<WebSocketConnectionException>(() => connection.SendTextAsync("request"u8.ToArray()).AsTask());
        Assert.Equal(WebSocketConnectionError.ConnectionLost, lost.Error);

        // The failed flush left the frame in the pipe: nothing may go out after it, and teardown must not trip on it.
        var refused = await Assert.ThrowsAsync<WebSocketConnectionException>(() => connection.SendTextAsync("next"u8.ToArray()).AsTask());
        Assert.Equal(WebSocketConnectionError.Closed, refused.Error);
        await Assert.ThrowsAsync<WebSocketConnectionException>(() => Client.ReceiveAsync(connection));
        await connection.DisposeAsync();
        await connection.DisposeAsync();
        refused = await Assert.ThrowsAsync<WebSocketConnectionException>(() => connection.SendTextAsync("after dispose"u8.ToArray()).AsTask());
        Assert.Equal(WebSocketConnectionError.Closed, refused.Error);
        await connection.CloseAsync().WaitAsync(Client.Deadline);
    }

    private static async Task<(WebSocketConnection Connection, FailingWriteStream Stream)> ConnectAsync(ScriptedServer server)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        await socket.ConnectAsync(server.Url.Host, server.Url.Port).WaitAsync(Client.Deadline);
        var stream = new FailingWriteStream(new NetworkStream(socket, ownsSocket: true));
        WebSocketConnection connection = await WebSocketConnection.ConnectAsync(stream, server.Url, Client.Options()).WaitAsync(Client.Deadline);
        return (connection, stream);
    }

    /// <summary>A stream whose writes can be made to fail as writes to a reset socket do.</summary>
    private sealed class FailingWriteStream(Stream inner) : Stream
    {
        public volatile bool FailWrites;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            inner.ReadAsync(buffer, cancellationToken);

        public override void Write(byte[] buffer, int offset, int count) => WriteAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) =>
            FailWrites ? ValueTask.FromException(new IOException("Connection reset by peer", new SocketException((int)SocketError.ConnectionReset))) : inner.WriteAsync(buffer, cancellationToken);

        public override Task FlushAsync(CancellationToken cancellationToken) =>
            FailWrites ? Task.FromException(new IOException("Connection reset by peer")) : inner.FlushAsync(cancellationToken);

        public override void Flush() => FlushAsync(CancellationToken.None).GetAwaiter().GetResult();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
