using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ProtocolCore.Client;
using ProtocolCore.Emulator;
using ProtocolCore.Events;
using ProtocolCore.Models;
using ProtocolCore.Requests;
using ProtocolCore.WebSockets;

namespace ProtocolCore.Extensions.Hosting.Tests;

/// <summary>
/// Each thing the client does to keep a conversation going reaches <c>ILogger</c> with its event id, level and reason,
/// and no entry carries the API key or the gateway header's key.
/// </summary>
public sealed class LoggingTests
{
    [Fact]
    public async Task RotationAtMaxConnectionAgeIsLogged()
    {
        await using EmulatorServer server = await HostingTestHost.StartAsync();
        var logs = new CapturingLoggerProvider();
        TimeSpan maxAge = TimeSpan.FromMilliseconds(200);
        await using ServiceProvider provider = HostingTestHost.Build(server.BaseAddress, logs, o => o.MaxConnectionAge = maxAge);
        CancellationToken ct = HostingTestHost.Timeout();
        await using ResponsesSession session = provider.GetRequiredService<ResponsesClient>().CreateSession(HostingTestHost.Template());
        ResponsesTurnResult first = await session.CompleteTurnAsync(HostingTestHost.FirstInput(), ct);
        int firstConnection = session.Connection!.Id;

        // Wait (polling, nothing timed is asserted) until the open connection is past the age limit.
        while (session.Connection!.Age < maxAge)
        {
            await Task.Delay(20, ct);
        }

        await session.CompleteTurnAsync(HostingTestHost.Outputs(first.FunctionCalls), ct);

        Assert.Equal(1, session.Rotations);
        CapturedLog rotated = Assert.Single(logs.WithEventId(4));
        Assert.Equal(LogLevel.Information, rotated.Level);
        Assert.Equal("ConnectionRotated", rotated.EventId.Name);
        Assert.Contains($"Connection {firstConnection} reached MaxConnectionAge", rotated.Message, StringComparison.Ordinal);
        Assert.Equal(2, logs.WithEventId(1).Count);
        Assert.Empty(logs.WithEventId(3));
        logs.AssertNoSecret(HostingTestHost.ApiKey, HostingTestHost.GatewayKey);
    }

    [Fact]
    public async Task ReconnectAfterTheServerClosedIsLoggedWithTheCloseCode()
    {
        await using EmulatorServer server = await HostingTestHost.StartAsync(o =>
        {
            o.ConnectionAgeLimit = TimeSpan.FromSeconds(1);
            o.AgeLimitCloseStatus = System.Net.WebSockets.WebSocketCloseStatus.EndpointUnavailable; // 1001
        });
        var logs = new CapturingLoggerProvider();
        await using ServiceProvider provider = HostingTestHost.Build(server.BaseAddress, logs);
        CancellationToken ct = HostingTestHost.Timeout();
        await using ResponsesSession session = provider.GetRequiredService<ResponsesClient>().CreateSession(HostingTestHost.Template());
        ResponsesTurnResult first = await session.CompleteTurnAsync(HostingTestHost.FirstInput(), ct);

        // Wait (polling) until the server has cut the idle connection at its age limit.
        while (session.Connection!.IsOpen)
        {
            await Task.Delay(20, ct);
        }

        await session.CompleteTurnAsync(HostingTestHost.Outputs(first.FunctionCalls), ct);

        CapturedLog reconnect = Assert.Single(logs.WithEventId(3));
        Assert.Equal(LogLevel.Information, reconnect.Level);
        Assert.Contains("close code 1001 GoingAway", reconnect.Message, StringComparison.Ordinal);
        Assert.Empty(logs.WithEventId(4));
        Assert.Equal(2, logs.WithEventId(1).Count);
        logs.AssertNoSecret(HostingTestHost.ApiKey, HostingTestHost.GatewayKey);
    }

    [Fact]
    public async Task FallbackToHttpModeIsLoggedAndSendsThroughTheFactorysHandler()
    {
        await using EmulatorServer server = await HostingTestHost.StartAsync(o => o.RefuseWebSocketUpgrade = true);
        var logs = new CapturingLoggerProvider();
        var requests = new RequestCounter();
        await using ServiceProvider provider = HostingTestHost.Build(server.BaseAddress, logs, services: services =>
            services.AddHttpClient(ResponsesClientServiceCollectionExtensions.HttpClientName).AddHttpMessageHandler(() => new CountingHandler(requests)));
        CancellationToken ct = HostingTestHost.Timeout();
        await using ResponsesSession session = provider.GetRequiredService<ResponsesClient>().CreateSession(HostingTestHost.Template());

        ResponsesTurnResult first = await session.CompleteTurnAsync(HostingTestHost.FirstInput(), ct);
        await session.CompleteTurnAsync(HostingTestHost.Outputs(first.FunctionCalls), ct);

        Assert.Equal(ResponsesTransportMode.Http, session.Mode);
        Assert.Equal(2, requests.Count);
        CapturedLog fallback = Assert.Single(logs.WithEventId(6));
        Assert.Equal(LogLevel.Warning, fallback.Level);
        Assert.Equal(426, Assert.IsType<WebSocketHandshakeException>(fallback.Exception).StatusCode);
        Assert.Contains(server.BaseAddress.Authority, fallback.Message, StringComparison.Ordinal);
        Assert.Empty(logs.WithEventId(1));
        logs.AssertNoSecret(HostingTestHost.ApiKey, HostingTestHost.GatewayKey);
    }

    [Fact]
    public async Task ATurnTooLargeForTheSocketIsLoggedAsOneTurnOverHttp()
    {
        await using EmulatorServer server = await HostingTestHost.StartAsync();
        var logs = new CapturingLoggerProvider();
        await using ServiceProvider provider = HostingTestHost.Build(server.BaseAddress, logs, o => o.MaxRequestMessageBytes = 4096);
        CancellationToken ct = HostingTestHost.Timeout();
        await using ResponsesSession session = provider.GetRequiredService<ResponsesClient>().CreateSession(HostingTestHost.Template());
        var padding = new ProtocolCore.Models.Message { Role = ProtocolCore.Models.MessageRole.User, Content = new string('x', 5000) };

        ResponsesTurnResult turn = await session.CompleteTurnAsync([.. HostingTestHost.FirstInput(), padding], ct);

        Assert.Equal(ResponsesTransportMode.Http, turn.Mode);
        Assert.Equal(ResponsesTransportMode.WebSocket, session.Mode);
        CapturedLog tooLarge = Assert.Single(logs.WithEventId(9));
        Assert.Equal(LogLevel.Warning, tooLarge.Level);
        Assert.Contains("4096-byte", tooLarge.Message, StringComparison.Ordinal);
        Assert.Empty(logs.WithEventId(6));
        Assert.Equal(0, server.Counters.MessagesTooLarge);
        logs.AssertNoSecret(HostingTestHost.ApiKey, HostingTestHost.GatewayKey);
    }

    [Fact]
    public async Task HttpModeSendsThroughTheFactorysHandler()
    {
        await using EmulatorServer server = await HostingTestHost.StartAsync();
        var requests = new RequestCounter();
        await using ServiceProvider provider = HostingTestHost.Build(server.BaseAddress, new CapturingLoggerProvider(), services: services =>
            services.AddHttpClient(ResponsesClientServiceCollectionExtensions.HttpClientName).AddHttpMessageHandler(() => new CountingHandler(requests)));
        await using ResponsesSession session = provider.GetRequiredService<ResponsesClient>().CreateSession(HostingTestHost.Template(), ResponsesTransportMode.Http);

        ResponsesTurnResult turn = await session.CompleteTurnAsync(HostingTestHost.FirstInput(), HostingTestHost.Timeout());

        Assert.Equal("response.completed", turn.TerminalEvent);
        Assert.Equal(1, requests.Count);
        Assert.Equal(0, server.Counters.WebSocketConnections);
    }

    [Fact]
    public async Task PreviousResponseNotFoundRecoveryIsLogged()
    {
        await using EmulatorServer server = await HostingTestHost.StartAsync();
        var logs = new CapturingLoggerProvider();
        await using ServiceProvider provider = HostingTestHost.Build(server.BaseAddress, logs);
        CancellationToken ct = HostingTestHost.Timeout();
        await using ResponsesSession session = provider.GetRequiredService<ResponsesClient>().CreateSession(HostingTestHost.Template());
        ResponsesTurnResult first = await session.CompleteTurnAsync(HostingTestHost.FirstInput(), ct);
        List<InputItem> outputs = HostingTestHost.Outputs(first.FunctionCalls);

        // A stranger's request replaces the session's response in the connection cache, so chaining from it is not found.
        var stranger = new ResponseCreateRequest { Model = "gpt-5.5", Store = false, Input = HostingTestHost.FirstInput() };
        await foreach (ResponsesEvent _ in session.Connection!.SendAsync(stranger, ct))
        {
        }

        ResponsesTurnResult retried = await session.CompleteTurnAsync(outputs, ct);

        Assert.Equal(1, retried.Retries);
        CapturedLog notFound = Assert.Single(logs.WithEventId(8));
        Assert.Equal(LogLevel.Information, notFound.Level);
        Assert.Contains(first.ResponseId!, notFound.Message, StringComparison.Ordinal);
        logs.AssertNoSecret(HostingTestHost.ApiKey, HostingTestHost.GatewayKey);
    }

    [Fact]
    public async Task AnInterruptedTurnIsLoggedWithItsException()
    {
        await using EmulatorServer server = await HostingTestHost.StartAsync();
        var logs = new CapturingLoggerProvider();
        await using ServiceProvider provider = HostingTestHost.Build(server.BaseAddress, logs);
        CancellationToken ct = HostingTestHost.Timeout();
        await using ResponsesSession session = provider.GetRequiredService<ResponsesClient>().CreateSession(HostingTestHost.Template());
        ResponsesTurnResult first = await session.CompleteTurnAsync(HostingTestHost.FirstInput(), ct);

        HostingTestHost.Fault(session, "abrupt_close");
        ResponseInterruptedException e = await Assert.ThrowsAsync<ResponseInterruptedException>(() => session.CompleteTurnAsync(HostingTestHost.Outputs(first.FunctionCalls), ct));

        CapturedLog interrupted = Assert.Single(logs.WithEventId(7));
        Assert.Equal(LogLevel.Warning, interrupted.Level);
        Assert.Same(e, interrupted.Exception);
        Assert.Contains(e.ResponseId!, interrupted.Message, StringComparison.Ordinal);
        logs.AssertNoSecret(HostingTestHost.ApiKey, HostingTestHost.GatewayKey);
    }

    [Fact]
    public async Task AnObserverThatThrowsDoesNotBreakATurn()
    {
        await using EmulatorServer server = await HostingTestHost.StartAsync();
        var observer = new ThrowingObserver();
        await using ServiceProvider provider = HostingTestHost.Build(server.BaseAddress, new CapturingLoggerProvider(), o => o.Observer = observer);
        CancellationToken ct = HostingTestHost.Timeout();
        await using ResponsesSession session = provider.GetRequiredService<ResponsesClient>().CreateSession(HostingTestHost.Template());
        ResponsesTurnResult first = await session.CompleteTurnAsync(HostingTestHost.FirstInput(), ct);

        HostingTestHost.Fault(session, "abrupt_close");
        await Assert.ThrowsAsync<ResponseInterruptedException>(() => session.CompleteTurnAsync(HostingTestHost.Outputs(first.FunctionCalls), ct));
        HostingTestHost.Fault(session, null);
        ResponsesTurnResult again = await session.CompleteTurnAsync(HostingTestHost.Outputs(first.FunctionCalls), ct);

        Assert.Equal("response.completed", again.TerminalEvent);
        Assert.Equal(2, observer.Connects);
        Assert.Equal(1, observer.Interruptions);
        Assert.Equal(1, observer.Reconnects);
    }

    /// <summary>Counts, then throws from every call.</summary>
    private sealed class ThrowingObserver : ResponsesClientObserver
    {
        public int Connects;
        public int Interruptions;
        public int Reconnects;

        public override void OnConnected(Uri endpoint, int connectionId)
        {
            Interlocked.Increment(ref Connects);
            throw new InvalidOperationException("observer failure");
        }

        public override void OnTurnInterrupted(ResponseInterruptedException error)
        {
            Interlocked.Increment(ref Interruptions);
            throw new InvalidOperationException("observer failure");
        }

        public override void OnReconnecting(ResponsesReconnectReason reason, int? connectionId, WebSocketCloseCode? closeStatus)
        {
            Interlocked.Increment(ref Reconnects);
            throw new InvalidOperationException("observer failure");
        }
    }
}
