using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace ProtocolCore.Client;

/// <summary>
/// Up to <see cref="MaxConnections"/> WebSocket connections shared by many sessions (parallel workflows). A session
/// rents a connection for one turn; the pool remembers which response each idle connection last produced, so the
/// next turn of that conversation gets the socket whose connection-local cache holds it and can send only new items.
/// When every connection is rented, further turns wait. Closed connections and ones older than
/// <see cref="ResponsesClientOptions.MaxConnectionAge"/> are discarded instead of being handed out.
/// </summary>
public sealed partial class ResponsesConnectionPool : IAsyncDisposable
{
    private readonly ResponsesClientOptions _options;
    private readonly SemaphoreSlim _capacity;
    private readonly List<(ResponsesConnection Connection, string? LastResponseId)> _idle = [];
    private int _connects;
    private int _disposed;

    /// <summary>Creates an empty pool; connections are opened on demand, the first time a turn needs one.</summary>
    /// <param name="options">The client options every pooled connection uses. Validated here; read again when a connection opens.</param>
    /// <param name="maxConnections">How many connections may be open (idle or rented) at once. Default 16.</param>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxConnections"/> is zero or negative, or an option is out of range.</exception>
    /// <exception cref="ArgumentException"><see cref="ResponsesClientOptions.BaseUrl"/> is not an absolute http, https, ws or wss URL.</exception>
    public ResponsesConnectionPool(ResponsesClientOptions options, int maxConnections = 16)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxConnections);
        options.Validate();
        _options = options;
        MaxConnections = maxConnections;
        _capacity = new SemaphoreSlim(maxConnections, maxConnections);
    }

    /// <summary>The options the pool opens its connections with.</summary>
    public ResponsesClientOptions Options => _options;

    /// <summary>The most connections open at once; a turn that finds them all rented waits for one.</summary>
    public int MaxConnections { get; }

    /// <summary>Connections opened by the pool so far.</summary>
    public int Connects => Volatile.Read(ref _connects);

    /// <summary>Connections waiting to be rented.</summary>
    public int IdleConnections
    {
        get
        {
            lock (_idle)
            {
                return _idle.Count;
            }
        }
    }

    /// <summary>Rents a connection: the idle one that produced <paramref name="responseId"/> if there is one, else any idle one, else a new one.</summary>
    /// <returns>
    /// The connection, and the response its cache slot holds as the pool recorded it when it came back (null for a new
    /// connection, or one returned without a response of its own): <paramref name="responseId"/> when no other turn ran
    /// on it since.
    /// </returns>
    internal async Task<(ResponsesConnection Connection, string? SlotHolds)> RentAsync(string? responseId, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        await _capacity.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            List<ResponsesConnection>? stale = null;
            ResponsesConnection? chosen = null;
            string? holds = null;
            lock (_idle)
            {
                for (int i = _idle.Count - 1; i >= 0; i--)
                {
                    ResponsesConnection candidate = _idle[i].Connection;
                    if (!candidate.IsOpen || candidate.Age >= _options.MaxConnectionAge)
                    {
                        (stale ??= []).Add(candidate);
                        _idle.RemoveAt(i);
                    }
                }

                int index = responseId is null ? -1 : _idle.FindIndex(e => e.LastResponseId == responseId);
                if (index < 0 && _idle.Count > 0)
                {
                    // Prefer a socket whose cache nobody is waiting for; otherwise the one idle longest.
                    index = _idle.FindIndex(e => e.LastResponseId is null);
                    index = index < 0 ? 0 : index;
                }

                if (index >= 0)
                {
                    (chosen, holds) = _idle[index];
                    _idle.RemoveAt(index);
                }
            }

            if (stale is not null)
            {
                foreach (ResponsesConnection connection in stale)
                {
                    ObserverReport.Replacing(_options, connection);
                    await connection.DisposeAsync().ConfigureAwait(false);
                }
            }

            if (chosen is null)
            {
                chosen = await ResponsesConnection.ConnectAsync(_options, cancellationToken).ConfigureAwait(false);
                Interlocked.Increment(ref _connects);
                ObserverReport.Connected(_options, chosen);
            }

            return (chosen, holds);
        }
        catch
        {
            _capacity.Release();
            throw;
        }
    }

    /// <summary>Gives a rented connection back; <paramref name="discard"/> (or a closed connection) disposes it instead.</summary>
    internal async ValueTask ReturnAsync(ResponsesConnection connection, string? lastResponseId, bool discard)
    {
        try
        {
            if (discard || !connection.IsOpen || Volatile.Read(ref _disposed) != 0)
            {
                await connection.DisposeAsync().ConfigureAwait(false);
            }
            else
            {
                lock (_idle)
                {
                    _idle.Add((connection, lastResponseId));
                }
            }
        }
        finally
        {
            _capacity.Release();
        }
    }

    /// <summary>Closes the idle connections; rented ones are disposed when they come back.</summary>
    public async ValueTask DisposeAsync()
    {
        Interlocked.Exchange(ref _disposed, 1);
        List<(ResponsesConnection Connection, string? LastResponseId)> idle;
        lock (_idle)
        {
            idle = [.. _idle];
            _idle.Clear();
        }

        foreach ((ResponsesConnection connection, _) in idle)
        {
            await connection.CloseAsync().ConfigureAwait(false);
        }

        await CloseLaneConnectionsAsync().ConfigureAwait(false);
    }

    /// <summary>A one-line summary for logs: capacity, connections opened and idle. Never includes credentials.</summary>
    public override string ToString() => $"ResponsesConnectionPool {{ MaxConnections = {MaxConnections}, Connects = {Connects}, Idle = {IdleConnections} }}";
}
