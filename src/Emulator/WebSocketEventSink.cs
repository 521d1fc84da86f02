using System;
using System.Buffers;
using System.Net.WebSockets;
using System.Threading;
using System.Threading.Tasks;
using ProtocolCore.Events;

namespace ProtocolCore.Emulator;

/// <summary>
/// Sends events as WebSocket text messages, one JSON object each. Lanes share the socket, so sends are serialised;
/// a send is never cancelled once started, because cancelling a WebSocket send aborts the whole connection.
/// </summary>
internal sealed class WebSocketEventSink : IEventSink, IDisposable
{
    private readonly WebSocket _socket;
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private readonly ArrayBufferWriter<byte> _buffer = new(4096);
    private readonly TaskCompletionSource _abandoned = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public WebSocketEventSink(WebSocket socket)
    {
        _socket = socket;
    }

    public async ValueTask SendAsync(ResponsesEvent value, CancellationToken cancellationToken)
    {
        await _sendLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            cancellationToken.ThrowIfCancellationRequested();
            _buffer.ResetWrittenCount();
            ResponsesEventJson.Write(value, _buffer);
            await _socket.SendAsync(_buffer.WrittenMemory, WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None).ConfigureAwait(false);
        }
        finally
        {
            _sendLock.Release();
        }
    }

    /// <summary>Starts the close handshake after any send in progress.</summary>
    public async Task CloseOutputAsync(WebSocketCloseStatus status, string description)
    {
        await _sendLock.WaitAsync().ConfigureAwait(false);
        try
        {
            if (_socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
            {
                await _socket.CloseOutputAsync(status, description, CancellationToken.None).ConfigureAwait(false);
            }
        }
        finally
        {
            _sendLock.Release();
        }
    }

    /// <summary>Completes when <see cref="Abort"/> was called: the session must end without touching the socket again.</summary>
    public Task Abandoned => _abandoned.Task;

    public void Abort() => _abandoned.TrySetResult();

    public void Dispose() => _sendLock.Dispose();
}
