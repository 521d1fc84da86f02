using System;
using System.Collections.Generic;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;

namespace ProtocolCore.Client.Tests;

/// <summary>
/// A raw TCP WebSocket server on 127.0.0.1 that runs a script per accepted connection, so a test can do what a real
/// server library will not: reset the socket right after a terminal event, send a close frame and keep TCP open, send
/// malformed events. Each connection's script gets its number (0, 1, ...); a script's own failures (other than the
/// client going away) are collected in <see cref="Failures"/>, which tests assert on.
/// </summary>
internal sealed class ScriptedWebSocketServer : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly Func<ScriptedWebSocketConnection, Task> _script;
    private readonly Func<int, bool>? _refuseUpgrade;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _connections = [];
    private readonly Task _acceptLoop;
    private int _accepted;

    /// <param name="script">What to do with each upgraded connection.</param>
    /// <param name="refuseUpgrade">Connections (by number) to reset before the upgrade: the client's connect fails.</param>
    public ScriptedWebSocketServer(Func<ScriptedWebSocketConnection, Task> script, Func<int, bool>? refuseUpgrade = null)
    {
        _script = script;
        _refuseUpgrade = refuseUpgrade;
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start(backlog: 512);
        _acceptLoop = AcceptLoopAsync();
    }

    /// <summary>The base URL to give <see cref="ResponsesClientOptions.BaseUrl"/>.</summary>
    public Uri BaseUrl => new($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/v1/");

    /// <summary>Connections accepted so far.</summary>
    public int Accepted => Volatile.Read(ref _accepted);

    /// <summary>Exceptions thrown by connection scripts other than the client going away.</summary>
    public List<Exception> Failures { get; } = [];

    /// <summary>Cancelled when the server stops: scripts that hold a connection open wait on it.</summary>
    public CancellationToken Stopping => _stop.Token;

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        _listener.Stop();
        await _acceptLoop.ConfigureAwait(false);
        Task[] running;
        lock (_connections)
        {
            running = [.. _connections];
        }

        await Task.WhenAll(running).ConfigureAwait(false);
        _stop.Dispose();
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await _listener.AcceptSocketAsync(_stop.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            int index = Interlocked.Increment(ref _accepted) - 1;
            lock (_connections)
            {
                _connections.Add(Task.Run(() => RunAsync(socket, index)));
            }
        }
    }

    private async Task RunAsync(Socket socket, int index)
    {
        socket.NoDelay = true;
        var connection = new ScriptedWebSocketConnection(socket, index, _stop.Token);
        try
        {
            if (_refuseUpgrade?.Invoke(index) == true)
            {
                connection.Abort();
                return;
            }

            await connection.UpgradeAsync().ConfigureAwait(false);
            await _script(connection).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or SocketException or EndOfStreamException or OperationCanceledException or ObjectDisposedException)
        {
            // The client went away (or the test ended): expected in fault scripts.
        }
        catch (Exception e)
        {
            lock (Failures)
            {
                Failures.Add(e);
            }
        }
        finally
        {
            connection.Dispose();
        }
    }
}
