using System;
using System.Buffers;
using System.IO;
using System.Linq;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using ProtocolCore.Benchmarks.WebSockets;
using ProtocolCore.Client;
using ProtocolCore.Events;
using ProtocolCore.Json;
using ProtocolCore.Models;
using ProtocolCore.Requests;
using ProtocolCore.WebSockets;

namespace ProtocolCore.Benchmarks.Client;

/// <summary>
/// One agent turn over loopback, per operation: send a <c>response.create</c> that chains with
/// <c>previous_response_id</c> and carries one 4 KB tool output, then read the response's events through its terminal
/// event. The server (<see cref="CannedTurnServer"/>) answers with a recorded stream (25 events, 9 KB: a gpt-5 turn
/// making several function calls) in one write, or in one write per event (<see cref="WritePerEvent"/>). Rows:
/// <list type="bullet">
/// <item>the raw-socket floor: the same request bytes out, the same response bytes in, no WebSocket or JSON work;</item>
/// <item>ours: <see cref="ResponsesConnection.SendAsync"/> (request serialisation, framing, masking, frame reading,
/// typed decoding of every event, lane routing, delivery to the caller);</item>
/// <item>the anchor: <see cref="ClientWebSocket"/> with the request written by <see cref="Utf8JsonWriter"/> and every
/// event parsed by <see cref="JsonDocument"/> until the terminal type.</item>
/// </list>
/// The client's per-turn overhead is a row's time minus the floor's.
/// </summary>
[MemoryDiagnoser]
public class ClientTurnBenchmarks
{
    private const string TurnFixture = "fantasy__TestOpenAIResponsesCommon-openai-gpt-5-multi_tool_streaming-i0-2025-10-17-v2.jsonl";
    private const string PreviousResponseId = "resp_0b1d2c3e4f5a6b7c8d9e0f1a2b3c4d5e";
    private const string CallId = "call_AbCdEfGhIjKlMnOpQrStUvWx";

    private CannedTurnServer _webSocketServer = null!;
    private CannedTurnServer _rawServer = null!;
    private ResponsesConnection _connection = null!;
    private WebSocketConnection _socket = null!;
    private ClientWebSocket _clientWebSocket = null!;
    private Socket _raw = null!;
    private ResponseCreateRequest _request = null!;
    private byte[] _rawRequestFrame = [];
    private byte[] _receiveBuffer = new byte[64 * 1024];
    private readonly ArrayBufferWriter<byte> _anchorRequest = new(8 * 1024);
    private int _turnLength;

    /// <summary>The server writes each event on its own (as it streams them) rather than the whole turn at once.</summary>
    [Params(false, true)]
    public bool WritePerEvent { get; set; }

    /// <summary>With <see cref="WritePerEvent"/>: the gap between events (<see cref="TurnCpuHarness"/> only; zero here).</summary>
    public TimeSpan Pace
    {
        get => _pace;
        set
        {
            _pace = value;
            if (_webSocketServer is not null)
            {
                _webSocketServer.Pace = value;
                _rawServer.Pace = value;
            }
        }
    }

    private TimeSpan _pace;
    private string _toolOutput = "";

    /// <summary>
    /// Turns per benchmark invocation, awaited one after the other as an agent loop does. BenchmarkDotNet blocks its
    /// thread on every invocation of an async benchmark, which no async caller does; this pays that once per 16 turns,
    /// the same for every row.
    /// </summary>
    public const int TurnsPerInvocation = 16;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        byte[][] frames = File.ReadAllLines(Path.Combine(FixtureEvents.FindFixturesDirectory(), TurnFixture))
            .Where(line => line.Length > 0)
            .Select(line => ServerFrames.Build(Encoding.UTF8.GetBytes(line), 1, fragments: 1))
            .ToArray();
        _turnLength = frames.Sum(f => f.Length);
        _webSocketServer = new CannedTurnServer(frames, handshake: true, WritePerEvent, Pace);
        _rawServer = new CannedTurnServer(frames, handshake: false, WritePerEvent, Pace);

        // A tool output of realistic shape: source text with quotes, newlines and non-ASCII, 4 KB.
        var output = new StringBuilder();
        while (output.Length < 4096)
        {
            output.Append("    assert_eq!(format_price(1234.5, \"fr-FR\"), \"1\u202F234,50\u00A0€\");\n");
        }

        _toolOutput = output.ToString();
        _request = new ResponseCreateRequest
        {
            Model = "gpt-5.5",
            PreviousResponseId = PreviousResponseId,
            Store = false,
            Input = new([new FunctionCallOutput { CallId = CallId, Output = _toolOutput }]),
        };

        _connection = await ResponsesConnection.ConnectAsync(new ResponsesClientOptions
        {
            BaseUrl = _webSocketServer.BaseUrl,
            ApiKey = "sk-benchmark",
        }).ConfigureAwait(false);

        _socket = await WebSocketConnection.ConnectAsync(
            new Uri($"ws://127.0.0.1:{_webSocketServer.Port}/v1/responses"),
            new WebSocketClientOptions { ApiKey = "sk-benchmark" }).ConfigureAwait(false);
        _clientWebSocket = new ClientWebSocket();
        _clientWebSocket.Options.SetRequestHeader("Authorization", "Bearer sk-benchmark");
        _clientWebSocket.Options.KeepAliveInterval = TimeSpan.Zero;
        await _clientWebSocket.ConnectAsync(new Uri($"ws://127.0.0.1:{_webSocketServer.Port}/v1/responses"), CancellationToken.None).ConfigureAwait(false);

        _raw = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        await _raw.ConnectAsync(System.Net.IPAddress.Loopback, _rawServer.Port).ConfigureAwait(false);
        byte[] payload = ProtocolJson.ToUtf8Bytes(_request);
        var frame = new ArrayBufferWriter<byte>();
        new ProtocolCore.WebSockets.WebSocketFrameWriter().WriteText(frame, payload);
        _rawRequestFrame = frame.WrittenSpan.ToArray();
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        await _connection.DisposeAsync().ConfigureAwait(false);
        await _socket.DisposeAsync().ConfigureAwait(false);
        _clientWebSocket.Abort();
        _clientWebSocket.Dispose();
        _raw.Dispose();
        _webSocketServer.Dispose();
        _rawServer.Dispose();
    }

    [Benchmark(Description = "raw socket floor", OperationsPerInvoke = TurnsPerInvocation)]
    public Task<int> RawSocket() => RunTurnsAsync(TurnClient.RawSocket);

    [Benchmark(Description = "ProtocolCore ResponsesConnection", OperationsPerInvoke = TurnsPerInvocation)]
    public Task<int> ProtocolCore() => RunTurnsAsync(TurnClient.ResponsesConnection);

    [Benchmark(Description = "ProtocolCore WebSocketConnection + ResponsesEventReader", OperationsPerInvoke = TurnsPerInvocation)]
    public Task<int> ProtocolCoreTransport() => RunTurnsAsync(TurnClient.WebSocketConnection);

    [Benchmark(Baseline = true, Description = "ClientWebSocket + JsonDocument", OperationsPerInvoke = TurnsPerInvocation)]
    public Task<int> ClientWebSocketAndJsonDocument() => RunTurnsAsync(TurnClient.ClientWebSocket);

    /// <summary>One turn through <paramref name="client"/>; returns the events (or bytes, for the raw socket) it read.</summary>
    public Task<int> RunTurnAsync(TurnClient client) => client switch
    {
        TurnClient.RawSocket => RawSocketTurnAsync(),
        TurnClient.ResponsesConnection => ProtocolCoreTurnAsync(),
        TurnClient.WebSocketConnection => ProtocolCoreTransportTurnAsync(),
        _ => ClientWebSocketAndJsonDocumentTurnAsync(),
    };

    private async Task<int> RunTurnsAsync(TurnClient client)
    {
        int total = 0;
        for (int i = 0; i < TurnsPerInvocation; i++)
        {
            total += await RunTurnAsync(client).ConfigureAwait(false);
        }

        return total;
    }

    /// <summary>One turn on the raw socket: the request bytes out, the response bytes in.</summary>
    private async Task<int> RawSocketTurnAsync()
    {
        await _raw.SendAsync(_rawRequestFrame, SocketFlags.None).ConfigureAwait(false);
        int received = 0;
        while (received < _turnLength)
        {
            int read = await _raw.ReceiveAsync(_receiveBuffer.AsMemory(), SocketFlags.None).ConfigureAwait(false);
            if (read == 0)
            {
                throw new EndOfStreamException();
            }

            received += read;
        }

        return received;
    }

    /// <summary>One turn through <see cref="ResponsesConnection.SendAsync"/>.</summary>
    private async Task<int> ProtocolCoreTurnAsync()
    {
        int events = 0;
        await foreach (ResponsesEvent e in _connection.SendAsync(_request).ConfigureAwait(false))
        {
            events += e.SequenceNumber is null ? 0 : 1;
        }

        return events;
    }

    /// <summary>One turn one layer down: <see cref="WebSocketConnection"/> and the event decoder, no lanes or timeouts.</summary>
    private async Task<int> ProtocolCoreTransportTurnAsync()
    {
        byte[] payload = ProtocolJson.ToUtf8Bytes(_request);
        await _socket.SendTextAsync(payload).ConfigureAwait(false);
        int events = 0;
        while (true)
        {
            WebSocketReceivedMessage message = await _socket.ReceiveAsync().ConfigureAwait(false);
            ResponsesEvent item = ResponsesEventReader.Parse(message.Payload.Span);
            events++;
            if (ResponsesTerminal.IsTerminal(item))
            {
                return events;
            }
        }
    }

    /// <summary>One turn through the anchor.</summary>
    private async Task<int> ClientWebSocketAndJsonDocumentTurnAsync()
    {
        _anchorRequest.ResetWrittenCount();
        using (var writer = new Utf8JsonWriter(_anchorRequest))
        {
            writer.WriteStartObject();
            writer.WriteString("type"u8, "response.create"u8);
            writer.WriteString("model"u8, "gpt-5.5"u8);
            writer.WriteString("previous_response_id"u8, PreviousResponseId);
            writer.WriteBoolean("store"u8, false);
            writer.WriteStartArray("input"u8);
            writer.WriteStartObject();
            writer.WriteString("type"u8, "function_call_output"u8);
            writer.WriteString("call_id"u8, CallId);
            writer.WriteString("output"u8, _toolOutput);
            writer.WriteEndObject();
            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        await _clientWebSocket.SendAsync(_anchorRequest.WrittenMemory, WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None).ConfigureAwait(false);
        int events = 0;
        while (true)
        {
            int length = 0;
            ValueWebSocketReceiveResult result;
            do
            {
                result = await _clientWebSocket.ReceiveAsync(_receiveBuffer.AsMemory(length), CancellationToken.None).ConfigureAwait(false);
                length += result.Count;
            }
            while (!result.EndOfMessage);

            using JsonDocument document = JsonDocument.Parse(_receiveBuffer.AsMemory(0, length));
            events++;
            string? type = document.RootElement.GetProperty("type"u8).GetString();
            if (type is "response.completed" or "response.done" or "response.failed" or "response.incomplete" or "error")
            {
                return events;
            }
        }
    }
}
