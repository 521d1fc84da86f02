using System;
using System.Buffers;
using System.IO;
using System.IO.Pipelines;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using System.Threading.Tasks.Sources;
using ProtocolCore.WebSockets;

namespace ProtocolCore.Tests.WebSockets;

/// <summary>
/// The server end of an in-memory connection: it answers the upgrade, then writes whatever frames a test gives it.
/// <see cref="ClientStream"/> is the client's end; it can hand out at most <c>maxBytesPerRead</c> bytes per read, and
/// it tells when the client is waiting for data with a zero-byte read (<see cref="WhenClientWaitsAsync"/>).
/// </summary>
internal sealed class InMemoryWebSocketPeer : IAsyncDisposable
{
    /// <summary>Every wait is bounded: a hang fails the test instead of stalling the run.</summary>
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    private readonly Pipe _toClient = new();
    private readonly Pipe _toServer = new();

    public InMemoryWebSocketPeer(int maxBytesPerRead = int.MaxValue)
    {
        ClientStream = new PeerStream(_toClient.Reader, _toServer.Writer, maxBytesPerRead);
    }

    public PeerStream ClientStream { get; }

    public static Uri Uri { get; } = new("ws://in-memory.test/v1/responses");

    /// <summary>Connects a client over the in-memory stream and answers its upgrade.</summary>
    public async Task<WebSocketConnection> ConnectAsync(WebSocketClientOptions options)
    {
        Task<WebSocketConnection> connect = WebSocketConnection.ConnectAsync(ClientStream, Uri, options);
        string request = await ReadRequestAsync().WaitAsync(Deadline);
        string key = FindHeader(request, "Sec-WebSocket-Key");
        string response = "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: "
            + WebSocketHandshake.ComputeAcceptKey(key) + "\r\n\r\n";
        await _toClient.Writer.WriteAsync(Encoding.ASCII.GetBytes(response));
        return await connect.WaitAsync(Deadline);
    }

    /// <summary>Sends bytes (frames) to the client.</summary>
    public async Task SendAsync(byte[] bytes) => await _toClient.Writer.WriteAsync(bytes);

    /// <summary>
    /// Completes when the client awaits a zero-byte read with nothing unread: everything sent so far was read, and
    /// the receive loop is idle.
    /// </summary>
    public Task WhenClientWaitsAsync() => ClientStream.WhenWaitingAsync().WaitAsync(Deadline);

    /// <summary>Reads the client's next frame (masked, as clients send them) and returns its opcode and unmasked payload.</summary>
    public async Task<(WebSocketOpcode Opcode, byte[] Payload)> ReadClientFrameAsync()
    {
        while (true)
        {
            ReadResult result = await _toServer.Reader.ReadAsync().AsTask().WaitAsync(Deadline);
            byte[] bytes = result.Buffer.ToArray();
            if (bytes.Length >= 2)
            {
                int length = bytes[1] & 0x7F;
                int offset = 2;
                if (length == 126 && bytes.Length >= 4)
                {
                    length = (bytes[2] << 8) | bytes[3];
                    offset = 4;
                }

                if (length < 126 && bytes.Length >= offset + 4 + length)
                {
                    byte[] payload = new byte[length];
                    for (int i = 0; i < length; i++)
                    {
                        payload[i] = (byte)(bytes[offset + 4 + i] ^ bytes[offset + (i & 3)]);
                    }

                    _toServer.Reader.AdvanceTo(result.Buffer.GetPosition(offset + 4 + length));
                    return ((WebSocketOpcode)(bytes[0] & 0x0F), payload);
                }
            }

            _toServer.Reader.AdvanceTo(result.Buffer.Start, result.Buffer.End);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _toClient.Writer.CompleteAsync();
        await _toServer.Reader.CompleteAsync();
    }

    private async Task<string> ReadRequestAsync()
    {
        while (true)
        {
            ReadResult result = await _toServer.Reader.ReadAsync();
            string text = Encoding.ASCII.GetString(result.Buffer);
            int end = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
            if (end >= 0)
            {
                _toServer.Reader.AdvanceTo(result.Buffer.GetPosition(end + 4));
                return text[..(end + 4)];
            }

            if (result.IsCompleted)
            {
                throw new InvalidOperationException("The client went away during the upgrade.");
            }

            _toServer.Reader.AdvanceTo(result.Buffer.Start, result.Buffer.End);
        }
    }

    private static string FindHeader(string request, string name)
    {
        foreach (string line in request.Split("\r\n"))
        {
            if (line.StartsWith(name + ":", StringComparison.OrdinalIgnoreCase))
            {
                return line[(name.Length + 1)..].Trim();
            }
        }

        throw new InvalidOperationException($"No {name} header.");
    }

    /// <summary>The client's end: reads what the server sent, writes into the server's pipe.</summary>
    internal sealed class PeerStream(PipeReader input, PipeWriter output, int maxBytesPerRead) : Stream
    {
        private readonly Lock _gate = new();
        private TaskCompletionSource _waiting = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private bool _zeroByteReadPending;

        public override bool CanRead => true;

        public override bool CanWrite => true;

        public override bool CanSeek => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        /// <summary>Completes once a zero-byte read is pending with nothing to read (at once if one is).</summary>
        public Task WhenWaitingAsync()
        {
            lock (_gate)
            {
                return _zeroByteReadPending ? Task.CompletedTask : _waiting.Task;
            }
        }

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (buffer.Length == 0)
            {
                // A zero-byte read: wait for data without taking any.
                if (input.TryRead(out ReadResult ready))
                {
                    input.AdvanceTo(ready.Buffer.Start);
                    return new ValueTask<int>(0);
                }

                var wait = new ZeroByteWait(this);
                _ = wait.CompleteWhenDataAsync(input, cancellationToken);
                return new ValueTask<int>(wait, 0);
            }

            return ReadDataAsync(buffer, cancellationToken);
        }

        private async ValueTask<int> ReadDataAsync(Memory<byte> buffer, CancellationToken cancellationToken)
        {
            ReadResult result = await input.ReadAsync(cancellationToken);
            ReadOnlySequence<byte> available = result.Buffer;
            int length = (int)Math.Min(Math.Min(available.Length, buffer.Length), maxBytesPerRead);
            available.Slice(0, length).CopyTo(buffer.Span);
            input.AdvanceTo(available.GetPosition(length));
            return length;
        }

        /// <summary>
        /// A pending zero-byte read. It reports "waiting" when the reader awaits it (not when it is issued), so a test
        /// sees the idle moment after whatever the reader does between issuing the read and awaiting it.
        /// </summary>
        private sealed class ZeroByteWait(PeerStream owner) : IValueTaskSource<int>
        {
            private ManualResetValueTaskSourceCore<int> _core = new() { RunContinuationsAsynchronously = true };

            public async Task CompleteWhenDataAsync(PipeReader input, CancellationToken cancellationToken)
            {
                try
                {
                    ReadResult ready = await input.ReadAsync(cancellationToken);
                    input.AdvanceTo(ready.Buffer.Start);
                    owner.EndWait();
                    _core.SetResult(0);
                }
                catch (Exception e)
                {
                    owner.EndWait();
                    _core.SetException(e);
                }
            }

            public int GetResult(short token) => _core.GetResult(token);

            public ValueTaskSourceStatus GetStatus(short token) => _core.GetStatus(token);

            public void OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags)
            {
                _core.OnCompleted(continuation, state, token, flags);
                owner.BeginWait();
            }
        }

        private void BeginWait()
        {
            TaskCompletionSource waiting;
            lock (_gate)
            {
                _zeroByteReadPending = true;
                waiting = _waiting;
                _waiting = new(TaskCreationOptions.RunContinuationsAsynchronously);
            }

            waiting.TrySetResult();
        }

        private void EndWait()
        {
            lock (_gate)
            {
                _zeroByteReadPending = false;
            }
        }

        public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) =>
            await output.WriteAsync(buffer, cancellationToken);

        public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override async ValueTask DisposeAsync()
        {
            await input.CompleteAsync();
            await output.CompleteAsync();
            await base.DisposeAsync();
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                input.Complete();
                output.Complete();
            }

            base.Dispose(disposing);
        }
    }
}
