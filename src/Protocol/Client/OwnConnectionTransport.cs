using System;
using System.Threading;
using System.Threading.Tasks;
using ProtocolCore.WebSockets;

namespace ProtocolCore.Client;

/// <summary>
/// A WebSocket connection the session opens and owns: it is rotated between turns before
/// <see cref="ResponsesClientOptions.MaxConnectionAge"/>, replaced (after a backoff when the close code is recoverable)
/// once closed, and closed with the session. Its cache slot is the conversation's alone.
/// </summary>
internal sealed class OwnConnectionTransport(ResponsesClientOptions options, SessionTraffic traffic) : ISessionTransport
{
    public ResponsesTransportMode Mode => ResponsesTransportMode.WebSocket;

    public async ValueTask<TurnWire?> AcquireAsync(string? lane, string? chainFrom, CancellationToken cancellationToken)
    {
        if (traffic.Connection is { } current)
        {
            if (current.IsOpen && current.Age < options.MaxConnectionAge)
            {
                return Wire(current, lane);
            }

            bool rotation = current.IsOpen;
            WebSocketCloseCode? status = current.CloseStatus;
            ObserverReport.Replacing(options, current);
            await DropAsync().ConfigureAwait(false);
            if (rotation)
            {
                traffic.CountRotation();
            }
            else if (status is { } code && ResponsesSession.IsRecoverable(code))
            {
                await ReconnectPolicy.BackoffAsync(options, 0, cancellationToken).ConfigureAwait(false);
            }
        }

        if (await ReconnectPolicy.ConnectAsync(OpenAsync, options, cancellationToken).ConfigureAwait(false) is not { } connection)
        {
            return null;
        }

        traffic.Attach(connection);
        return Wire(connection, lane);
    }

    public ValueTask ReplaceConnectionAsync() => DropAsync();

    public ValueTask EndTurnAsync(ChainAnchor? anchor) => ValueTask.CompletedTask;

    /// <summary>Closes the connection (a close that fails is an abort). Never throws.</summary>
    public async ValueTask DisposeAsync()
    {
        if (traffic.Connection is { } connection)
        {
            traffic.Detach();
            try
            {
                await connection.CloseAsync().ConfigureAwait(false);
            }
            catch (Exception)
            {
                // CloseAsync releases the connection before it could throw; a failed goodbye is not the caller's problem.
            }
        }
    }

    private static TurnWire Wire(ResponsesConnection connection, string? lane) =>
        new(connection, ChainSite.ExclusiveSlot(new ChainPlace(connection.Id, lane)));

    private async Task<ResponsesConnection> OpenAsync(CancellationToken cancellationToken)
    {
        ResponsesConnection connection = await ResponsesConnection.ConnectAsync(options, cancellationToken).ConfigureAwait(false);
        traffic.CountConnect();
        ObserverReport.Connected(options, connection);
        return connection;
    }

    private async ValueTask DropAsync()
    {
        if (traffic.Connection is { } connection)
        {
            traffic.Detach();
            await connection.DisposeAsync().ConfigureAwait(false);
        }
    }
}
