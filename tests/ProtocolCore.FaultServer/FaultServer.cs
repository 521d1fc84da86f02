using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace ProtocolCore.Faults;

/// <summary>
/// A Responses WebSocket-mode server on 127.0.0.1 for fault storms. Raw TCP, so it can cut anywhere: each request's
/// <see cref="FaultDirective"/> (its user-message text) says where and how. A session is told apart by the first
/// segment of the URL path (<c>/KEY/responses</c>), which is where upgrade faults are armed. Each connection caches
/// only its last completed response, as the real server does. What the server saw that a client must never cause
/// (replays, a wrong context, protocol violations) is collected for the test to assert on; GET <c>/storm/report</c>
/// returns it as JSON for tests in other processes.
/// </summary>
public sealed class FaultServer : IAsyncDisposable
{
    /// <summary>The longest a stalled connection is held open when the client never gives up.</summary>
    internal static readonly TimeSpan HoldLimit = TimeSpan.FromSeconds(30);

    private readonly TcpListener _listener;
    private readonly CancellationTokenSource _stopping = new();
    private readonly ConcurrentDictionary<int, Task> _connections = new();
    private readonly ConcurrentDictionary<string, ConcurrentQueue<(FaultPoint Point, CutKind Cut)>> _armedUpgrades = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<FaultPoint, int> _injected = new();
    private readonly ConcurrentQueue<string> _contextFailures = new();
    private readonly ConcurrentQueue<string> _protocolFailures = new();
    private readonly ConcurrentQueue<string> _serverErrors = new();
    private readonly Task _acceptLoop;
    private int _connectionCount;

    private FaultServer(int port)
    {
        _listener = new TcpListener(IPAddress.Loopback, port);
        _listener.Start(512);
        BaseAddress = new Uri($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/");
        _acceptLoop = AcceptAsync();
    }

    /// <summary>Listens on 127.0.0.1 (port 0: any free port).</summary>
    public static FaultServer Start(int port = 0) => new(port);

    /// <summary><c>http://127.0.0.1:PORT/</c>.</summary>
    public Uri BaseAddress { get; }

    /// <summary>Requests by id: receipts and replays.</summary>
    public RequestLedger Ledger { get; } = new();

    /// <summary>TCP connections accepted.</summary>
    public int Connections => Volatile.Read(ref _connectionCount);

    /// <summary>Faults actually injected, by point (a fault whose moment never came is not counted).</summary>
    public IReadOnlyDictionary<FaultPoint, int> Injected => new Dictionary<FaultPoint, int>(_injected);

    /// <summary>Requests whose input did not match the conversation the server streamed (lost, duplicated or crossed items).</summary>
    public IReadOnlyList<string> ContextFailures => [.. _contextFailures];

    /// <summary>Client frames or requests that break RFC 6455 or the protocol.</summary>
    public IReadOnlyList<string> ProtocolFailures => [.. _protocolFailures];

    /// <summary>The fault server's own unexpected exceptions (a bug here, not in the client).</summary>
    public IReadOnlyList<string> ServerErrors => [.. _serverErrors];

    /// <summary>The base URL of one session: <c>http://127.0.0.1:PORT/KEY/</c>.</summary>
    public Uri SessionAddress(string sessionKey) => new(BaseAddress, sessionKey + "/");

    /// <summary>Everything the server collected, as JSON (what GET /storm/report returns).</summary>
    public byte[] ReportJson()
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(4096);
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteNumber("connections", Connections);
            w.WriteNumber("requests", Ledger.Requests);
            w.WriteNumber("receipts", Ledger.Receipts);
            WriteList(w, "replays", Ledger.Replays);
            WriteList(w, "context_failures", ContextFailures);
            WriteList(w, "protocol_failures", ProtocolFailures);
            WriteList(w, "server_errors", ServerErrors);
            w.WriteStartObject("injected");
            foreach ((FaultPoint point, int count) in Injected.OrderBy(p => p.Key))
            {
                w.WriteNumber(FaultDirective.Name(point), count);
            }

            w.WriteEndObject();
            w.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    public async ValueTask DisposeAsync()
    {
        _stopping.Cancel();
        _listener.Stop();
        await _acceptLoop.ConfigureAwait(false);
        await Task.WhenAll(_connections.Values).ConfigureAwait(false);
        _stopping.Dispose();
    }

    internal void ArmUpgrades(string sessionKey, FaultPoint point, CutKind cut, int count)
    {
        ConcurrentQueue<(FaultPoint, CutKind)> queue = _armedUpgrades.GetOrAdd(sessionKey, _ => new());
        for (int i = 0; i < count; i++)
        {
            queue.Enqueue((point, cut));
        }
    }

    internal (FaultPoint Point, CutKind Cut)? TakeUpgradeFault(string sessionKey) =>
        _armedUpgrades.TryGetValue(sessionKey, out var queue) && queue.TryDequeue(out var fault) ? fault : null;

    internal void CountInjected(FaultPoint point) => _injected.AddOrUpdate(point, 1, (_, n) => n + 1);

    internal void ReportContextFailure(string failure) => _contextFailures.Enqueue(failure);

    internal void ReportProtocolFailure(string failure) => _protocolFailures.Enqueue(failure);

    internal void ReportServerError(string failure) => _serverErrors.Enqueue(failure);

    private static void WriteList(Utf8JsonWriter w, string name, IReadOnlyList<string> items)
    {
        w.WriteStartArray(name);
        foreach (string item in items)
        {
            w.WriteStringValue(item);
        }

        w.WriteEndArray();
    }

    private async Task AcceptAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await _listener.AcceptSocketAsync(_stopping.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            int id = Interlocked.Increment(ref _connectionCount);
            var connection = new FaultConnection(this, socket, id, _stopping.Token);
            Task task = connection.RunAsync();
            _connections[id] = task;
            _ = task.ContinueWith(_ => _connections.TryRemove(id, out Task? _), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }
    }
}
