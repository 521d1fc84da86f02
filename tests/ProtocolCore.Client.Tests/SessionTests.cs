using System;
using System.Threading.Tasks;
using ProtocolCore.Emulator;
using ProtocolCore.WebSockets;

namespace ProtocolCore.Client.Tests;

public sealed class SessionTests
{
    [Fact]
    public async Task WarmUpPreparesTheContextAndTheFirstTurnChainsFromIt()
    {
        await using EmulatorServer server = await ClientTestHost.StartAsync();
        var ct = ClientTestHost.Timeout();
        await using var session = new ResponsesSession(ClientTestHost.Options(server), ClientTestHost.Template());
        session.Template.Tools = ScriptedTools.CreateDefinitions();

        // Warm up with the prompt; the first real turn then sends nothing new and starts from the cached context.
        ResponsesTurnResult warm = await session.WarmUpAsync(ClientTestHost.FirstInput(), ct);
        Assert.Equal("response.completed", warm.TerminalEvent);
        Assert.Empty(warm.Output);
        Assert.Equal(0, warm.Response!.Usage!.OutputTokens);

        ResponsesTurnResult first = await session.CompleteTurnAsync([], ct);
        Assert.False(first.SentFullContext);
        Assert.NotEmpty(first.FunctionCalls);
        Assert.Equal(warm.ResponseId, first.Response!.PreviousResponseId);
        Assert.True(first.Response.Usage!.InputTokensDetails!.CachedTokens > 0);
        Assert.Equal(1, server.Counters.ConnectionCacheHits);
    }

    [Fact]
    public async Task ConcurrentTurnsQueueAndCompleteInCallOrder()
    {
        await using EmulatorServer server = await ClientTestHost.StartAsync(o => o.DefaultFaults = "delay_ms:50");
        var ct = ClientTestHost.Timeout();
        await using var session = new ResponsesSession(ClientTestHost.Options(server), ClientTestHost.Template());
        session.Template.Tools = ScriptedTools.CreateDefinitions();

        Task<ResponsesTurnResult> a = session.CompleteTurnAsync(ClientTestHost.FirstInput(), ct);
        Task<ResponsesTurnResult> b = session.CompleteTurnAsync([], ct);
        Task finishedFirst = await Task.WhenAny(a, b);
        Assert.Same(a, finishedFirst);
        ResponsesTurnResult second = await b;

        // The second turn was sent only after the first one's terminal event, so it chains from it.
        Assert.Equal((await a).ResponseId, second.Response!.PreviousResponseId);
        Assert.Equal(1, server.Counters.WebSocketConnections);
    }

    [Fact]
    public async Task MovingToAnotherLaneOfTheSocketChainsAcrossLanes()
    {
        await using EmulatorServer server = await ClientTestHost.StartAsync();
        var ct = ClientTestHost.Timeout();
        await using var session = new ResponsesSession(ClientTestHost.Options(server), ClientTestHost.Template());
        session.Template.Tools = ScriptedTools.CreateDefinitions();
        ResponsesTurnResult first = await session.CompleteTurnAsync(ClientTestHost.FirstInput(), ct);

        // The first response lives in the default lane's cache slot; the server finds it from another lane of the same
        // socket (a cross-lane fork), so the chain state continues rather than resending everything.
        session.Template.StreamId = "lane-b";
        ResponsesTurnResult second = await session.CompleteTurnAsync(ClientTestHost.Outputs(first.FunctionCalls), ct);
        Assert.False(second.SentFullContext);
        Assert.Equal(0, second.Retries);
        Assert.Equal(first.ResponseId, second.Response!.PreviousResponseId);
        Assert.Equal(0, server.Counters.PreviousResponseNotFound);

        // On the new lane the chain continues from the response that now lives there.
        ResponsesTurnResult third = await session.CompleteTurnAsync(ClientTestHost.Outputs(second.FunctionCalls), ct);
        Assert.False(third.SentFullContext);
        Assert.Equal(second.ResponseId, third.Response!.PreviousResponseId);
        Assert.Equal(2, server.Counters.ConnectionCacheHits);
        Assert.Equal(1, server.Counters.WebSocketConnections);
    }

    [Fact]
    public async Task TheConnectionQueuesConcurrentRequests()
    {
        await using EmulatorServer server = await ClientTestHost.StartAsync();
        var ct = ClientTestHost.Timeout();
        await using ResponsesConnection connection = await ResponsesConnection.ConnectAsync(ClientTestHost.Options(server), ct);
        var order = new System.Collections.Concurrent.ConcurrentQueue<string>();
        async Task RunAsync(string name)
        {
            var request = ClientTestHost.Template();
            request.Tools = ScriptedTools.CreateDefinitions();
            request.Input = ClientTestHost.FirstInput();
            await foreach (Events.ResponsesEvent e in connection.SendAsync(request, ct))
            {
                order.Enqueue(name + ":" + e.Type);
            }
        }

        await Task.WhenAll(RunAsync("a"), RunAsync("b"));
        string[] events = [.. order];
        int lastOfFirst = Array.FindLastIndex(events, e => e.StartsWith(events[0][..2], StringComparison.Ordinal));
        Assert.EndsWith("response.completed", events[lastOfFirst]);
        Assert.All(events[(lastOfFirst + 1)..], e => Assert.False(e.StartsWith(events[0][..2], StringComparison.Ordinal)));
        Assert.Equal(2, connection.ResponseCount);
        Assert.Equal(1, server.Counters.WebSocketConnections);
    }

    [Fact]
    public async Task TheApiKeyAppearsNowhere()
    {
        const string Secret = "sk-wrong-secret-key-987654321";
        await using EmulatorServer server = await ClientTestHost.StartAsync();
        ResponsesClientOptions options = ClientTestHost.Options(server);
        options.ApiKey = Secret;
        options.AllowHttpFallback = false;
        options.MaxReconnectAttempts = 0;
        Assert.DoesNotContain(Secret, options.ToString(), StringComparison.Ordinal);

        await using var session = new ResponsesSession(options, ClientTestHost.Template());
        Assert.DoesNotContain(Secret, session.ToString(), StringComparison.Ordinal);
        WebSocketHandshakeException e = await Assert.ThrowsAsync<WebSocketHandshakeException>(() => session.CompleteTurnAsync(ClientTestHost.FirstInput(), ClientTestHost.Timeout()));
        Assert.Equal(401, e.StatusCode);
        Assert.DoesNotContain(Secret, e.ToString(), StringComparison.Ordinal);

        using var http = new ResponsesHttpTransport(options);
        var request = ClientTestHost.Template();
        request.Input = ClientTestHost.FirstInput();
        ResponsesApiException apiError = await Assert.ThrowsAsync<ResponsesApiException>(async () =>
        {
            await foreach (Events.ResponsesEvent _ in http.SendAsync(request, ClientTestHost.Timeout()))
            {
            }
        });
        Assert.Equal(401, apiError.Status);
        Assert.Equal("invalid_api_key", apiError.Code);
        Assert.DoesNotContain(Secret, apiError.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, http.ToString(), StringComparison.Ordinal);
        Assert.Equal(2, server.Counters.Unauthorized);
    }
}
