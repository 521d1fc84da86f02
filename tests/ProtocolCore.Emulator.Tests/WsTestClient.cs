using System;
using System.Buffers;
using System.Collections.Generic;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using ProtocolCore.Events;
using ProtocolCore.Requests;

namespace ProtocolCore.Emulator.Tests;

/// <summary>A plain <see cref="ClientWebSocket"/> client (deliberately not ProtocolCore's) that records every message.</summary>
internal sealed class WsTestClient : IAsyncDisposable
{
    private readonly ClientWebSocket _socket;

    private WsTestClient(ClientWebSocket socket) => _socket = socket;

    public ClientWebSocket Socket => _socket;

    /// <summary>Every text message received, in order, as raw bytes.</summary>
    public List<byte[]> Received { get; } = new();

    public static async Task<WsTestClient> ConnectAsync(EmulatorServer server, CancellationToken cancellationToken, string apiKey = TestServers.ApiKey, string? query = null, string? beta = null)
    {
        var socket = new ClientWebSocket();
        socket.Options.SetRequestHeader("Authorization", "Bearer " + apiKey);
        if (beta is not null)
        {
            socket.Options.SetRequestHeader("OpenAI-Beta", beta);
        }

        socket.Options.CollectHttpResponseDetails = true;
        var uri = new Uri(server.WebSocketUri + (query is null ? "" : "?" + query));
        try
        {
            await socket.ConnectAsync(uri, cancellationToken);
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        return new WsTestClient(socket);
    }

    public Task SendAsync(ResponseCreateRequest request, CancellationToken cancellationToken) => SendRawAsync(Encode(request), cancellationToken);

    public async Task SendRawAsync(string json, CancellationToken cancellationToken) =>
        await _socket.SendAsync(Encoding.UTF8.GetBytes(json), WebSocketMessageType.Text, endOfMessage: true, cancellationToken);

    /// <summary>The next event, or null when the server closed the connection (see <see cref="ClientWebSocket.CloseStatus"/>).</summary>
    public async Task<ReceivedEvent?> ReceiveAsync(CancellationToken cancellationToken)
    {
        var message = new ArrayBufferWriter<byte>(4096);
        while (true)
        {
            ValueWebSocketReceiveResult result = await _socket.ReceiveAsync(message.GetMemory(4096), cancellationToken);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return null;
            }

            Assert.Equal(WebSocketMessageType.Text, result.MessageType);
            message.Advance(result.Count);
            if (result.EndOfMessage)
            {
                Received.Add(message.WrittenSpan.ToArray());
                return ReceivedEvent.Parse(Encoding.UTF8.GetString(message.WrittenSpan));
            }
        }
    }

    /// <summary>Events up to and including the terminal one (completed, done, incomplete, failed or error).</summary>
    public async Task<List<ReceivedEvent>> ReadResponseAsync(CancellationToken cancellationToken)
    {
        var events = new List<ReceivedEvent>();
        while (true)
        {
            ReceivedEvent? next = await ReceiveAsync(cancellationToken) ?? throw new InvalidOperationException("The server closed the connection mid-response.");
            events.Add(next);
            if (next.IsTerminal)
            {
                return events;
            }
        }
    }

    public async Task<List<ReceivedEvent>> CreateAsync(ResponseCreateRequest request, CancellationToken cancellationToken)
    {
        await SendAsync(request, cancellationToken);
        return await ReadResponseAsync(cancellationToken);
    }

    public static string Encode(ResponseCreateRequest request)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, ResponsesEventJson.WriterOptions))
        {
            request.WriteJson(writer);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            if (_socket.State == WebSocketState.Open)
            {
                await _socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "", timeout.Token);
            }
            else if (_socket.State == WebSocketState.CloseReceived)
            {
                await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "", timeout.Token);
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException)
        {
            // Already gone: nothing to close.
        }

        _socket.Dispose();
    }
}
