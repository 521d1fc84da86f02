using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using ProtocolCore.Emulator;
using ProtocolCore.Events;
using ProtocolCore.Models;
using ProtocolCore.Requests;
using ProtocolCore.WebSockets;

namespace ProtocolCore.Client.Tests;

public sealed class FailureTests
{
    private static async Task<(ResponsesSession Session, ResponsesTurnResult First)> StartTaskAsync(EmulatorServer server, CancellationToken ct)
    {
        var session = new ResponsesSession(ClientTestHost.Options(server), ClientTestHost.Template());
        session.Template.Tools = ScriptedTools.CreateDefinitions();
        ResponsesTurnResult first = await session.CompleteTurnAsync(ClientTestHost.FirstInput(), ct);
        Assert.NotEmpty(first.FunctionCalls);
        return (session, first);
    }

    [Fact]
    public async Task PreviousResponseNotFoundIsRetriedOnceWithTheFullContext()
    {
        await using EmulatorServer server = await ClientTestHost.StartAsync();
        CancellationToken ct = ClientTestHost.Timeout();
        (ResponsesSession session, ResponsesTurnResult first) = await StartTaskAsync(server, ct);
        await using (session)
        {
            List<InputItem> outputs = ClientTestHost.Outputs(first.FunctionCalls);

            // A request the session does not know of, on its socket's lane, replaces turn 1 in the connection cache...
            var stranger = new ResponseCreateRequest { Model = "gpt-5.5", Store = false, Input = ClientTestHost.FirstInput() };
            await foreach (ResponsesEvent _ in session.Connection!.SendAsync(stranger, ct))
            {
            }

            // ...so chaining from it is answered with previous_response_not_found, and the session resends everything.
            ResponsesTurnResult retried = await session.CompleteTurnAsync(outputs, ct);
            Assert.Equal("response.completed", retried.TerminalEvent);
            Assert.Equal(1, retried.Retries);
            Assert.True(retried.SentFullContext);
            Assert.Null(retried.Response!.PreviousResponseId);
            Assert.Equal(1, server.Counters.PreviousResponseNotFound);

            // The chain continues from the recovered response.
            ResponsesTurnResult next = await session.CompleteTurnAsync(ClientTestHost.Outputs(retried.FunctionCalls), ct);
            Assert.False(next.SentFullContext);
            Assert.Equal(retried.ResponseId, next.Response!.PreviousResponseId);
        }
    }

    [Fact]
    public async Task AbruptCloseMidResponseIsReportedAndNotReplayed()
    {
        await using EmulatorServer server = await ClientTestHost.StartAsync();
        CancellationToken ct = ClientTestHost.Timeout();
        (ResponsesSession session, ResponsesTurnResult first) = await StartTaskAsync(server, ct);
        await using (session)
        {
            List<InputItem> outputs = ClientTestHost.Outputs(first.FunctionCalls);
            ClientTestHost.Fault(session, "abrupt_close");
            ResponseInterruptedException e = await Assert.ThrowsAsync<ResponseInterruptedException>(() => session.CompleteTurnAsync(outputs, ct));
            Assert.Contains("NOT replayed", e.Message, StringComparison.Ordinal);
            Assert.NotNull(e.ResponseId);
            Assert.True(e.EventsReceived > 0);
            Assert.Equal(2, server.Counters.Responses);
            Assert.Equal(first.ResponseId, session.LastResponseId);

            // The caller chose to run it again: a new connection, so the full context.
            ClientTestHost.Fault(session, null);
            ResponsesTurnResult again = await session.CompleteTurnAsync(outputs, ct);
            Assert.Equal("response.completed", again.TerminalEvent);
            Assert.True(again.SentFullContext);
            Assert.Equal(3, server.Counters.Responses);
            Assert.Equal(1, session.Reconnects);
            Assert.Equal(2, server.Counters.WebSocketConnections);
        }
    }

    [Fact]
    public async Task ConnectionLimitBetweenTurnsReconnects()
    {
        await using EmulatorServer server = await ClientTestHost.StartAsync(o => o.ConnectionAgeLimit = TimeSpan.FromSeconds(1));
        CancellationToken ct = ClientTestHost.Timeout();
        (ResponsesSession session, ResponsesTurnResult first) = await StartTaskAsync(server, ct);
        await using (session)
        {
            // Wait (polling, nothing timed) until the server has cut the idle connection at its age limit.
            while (session.Connection!.IsOpen)
            {
                await Task.Delay(20, ct);
            }

            ResponsesTurnResult second = await session.CompleteTurnAsync(ClientTestHost.Outputs(first.FunctionCalls), ct);
            Assert.Equal("response.completed", second.TerminalEvent);
            Assert.True(second.SentFullContext);
            Assert.True(session.Reconnects >= 1);
        }
    }

    [Fact]
    public async Task CancellingMidResponseClosesTheConnectionAndTheNextTurnReconnects()
    {
        await using EmulatorServer server = await ClientTestHost.StartAsync();
        CancellationToken ct = ClientTestHost.Timeout();
        (ResponsesSession session, ResponsesTurnResult first) = await StartTaskAsync(server, ct);
        await using (session)
        {
            List<InputItem> outputs = ClientTestHost.Outputs(first.FunctionCalls);
            ClientTestHost.Fault(session, "delay_ms:20000");
            using var cancel = CancellationTokenSource.CreateLinkedTokenSource(ct);
            int seen = 0;
            await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
            {
                await foreach (ResponsesEvent e in session.RunTurnAsync(outputs, cancel.Token))
                {
                    seen++;
                    if (e is ResponseInProgressEvent)
                    {
                        cancel.Cancel();
                    }
                }
            });
            Assert.Equal(2, seen);
            Assert.False(session.Connection!.IsOpen);

            ClientTestHost.Fault(session, null);
            ResponsesTurnResult next = await session.CompleteTurnAsync(outputs, ct);
            Assert.Equal("response.completed", next.TerminalEvent);
            Assert.True(next.SentFullContext);
            Assert.Equal(1, session.Reconnects);
        }
    }

    [Theory]
    [InlineData(ResponsesTransportMode.WebSocket)]
    [InlineData(ResponsesTransportMode.Http)]
    public async Task AStalledResponseTimesOutAsInterruptedAndIsNotReplayed(ResponsesTransportMode mode)
    {
        await using EmulatorServer server = await ClientTestHost.StartAsync(o => o.DefaultFaults = "delay_ms:20000");
        ResponsesClientOptions options = ClientTestHost.Options(server);
        options.IdleTimeout = TimeSpan.FromMilliseconds(200);
        await using var session = new ResponsesSession(options, ClientTestHost.Template(), mode);
        ResponseInterruptedException e = await Assert.ThrowsAsync<ResponseInterruptedException>(() => session.CompleteTurnAsync(ClientTestHost.FirstInput(), ClientTestHost.Timeout()));
        ResponsesTimeoutException timeout = Assert.IsType<ResponsesTimeoutException>(e.InnerException);
        Assert.Equal(nameof(ResponsesClientOptions.IdleTimeout), timeout.TimeoutName);
        Assert.Equal(options.IdleTimeout, timeout.Timeout);
        Assert.NotNull(e.ResponseId);
        Assert.Equal(1, server.Counters.Responses);
    }

    [Fact]
    public async Task FallsBackToHttpWhenTheUpgradeIsRefused()
    {
        await using EmulatorServer server = await ClientTestHost.StartAsync(o => o.RefuseWebSocketUpgrade = true);
        CancellationToken ct = ClientTestHost.Timeout();
        await using var session = new ResponsesSession(ClientTestHost.Options(server), ClientTestHost.Template());
        ToolLoopResult result = await ClientTestHost.ScriptedLoop(session).RunAsync(ClientTestHost.FirstInput(), ct);

        Assert.Equal(ResponsesTransportMode.Http, session.Mode);
        Assert.Equal(ScriptedCodingAgent.TotalToolCalls, result.ToolCalls);
        Assert.All(result.Turns, t => Assert.Equal(ResponsesTransportMode.Http, t.Mode));
        Assert.All(result.Turns, t => Assert.True(t.SentFullContext));
        Assert.Equal(1, server.Counters.RefusedUpgrades);
        Assert.Equal(0, server.Counters.WebSocketConnections);
    }

    [Fact]
    public async Task WithoutFallbackTheRefusalIsTyped()
    {
        await using EmulatorServer server = await ClientTestHost.StartAsync(o => o.RefuseWebSocketUpgrade = true);
        ResponsesClientOptions options = ClientTestHost.Options(server);
        options.AllowHttpFallback = false;
        options.MaxReconnectAttempts = 0;
        await using var session = new ResponsesSession(options, ClientTestHost.Template());
        WebSocketHandshakeException e = await Assert.ThrowsAsync<WebSocketHandshakeException>(() => session.CompleteTurnAsync(ClientTestHost.FirstInput(), ClientTestHost.Timeout()));
        Assert.Equal(426, e.StatusCode);
    }
}
