using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using ProtocolCore.Emulator;
using ProtocolCore.Events;
using ProtocolCore.Models;
using ProtocolCore.Requests;
using ProtocolCore.WebSockets;
using Xunit.Abstractions;

namespace ProtocolCore.Client.Tests;

/// <summary>
/// Faults surface as one exception family (<see cref="ProtocolCoreException"/>), with the type that says whether the
/// request may have started; dispose never throws; no slot stays taken.
/// </summary>
public sealed class FaultTypeTests(ITestOutputHelper output)
{
    private static ResponsesClientOptions Options(Uri baseUrl) => new()
    {
        BaseUrl = baseUrl,
        ApiKey = ClientTestHost.ApiKey,
        AllowHttpFallback = false,
        ReconnectBaseDelay = TimeSpan.FromMilliseconds(1),
        ReconnectMaxDelay = TimeSpan.FromMilliseconds(10),
    };

    private static List<InputItem> UserMessage(string text) =>
        [new Message { Role = MessageRole.User, Content = new MessageContent([new InputTextContent { Text = text }]) }];

    /// <summary>Serves one response per connection, then resets it: the next turn finds a dead or dying socket.</summary>
    private static async Task ServeOneThenResetAsync(ScriptedWebSocketConnection c)
    {
        using JsonDocument request = await c.ReadRequestAsync();
        string id = $"resp_{c.Index}";
        await c.SendAsync(ScriptedWebSocketConnection.Created(id), ScriptedWebSocketConnection.Completed(id));
        c.Abort();
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task AConnectThatFails_IsRetriedWithBackoff_ByOwnAndPooledSessionsAlike(bool pooled)
    {
        // The first two upgrades are reset; the third connection serves the turn.
        await using var server = new ScriptedWebSocketServer(ServeOneThenResetAsync, refuseUpgrade: index => index < 2);
        ResponsesClientOptions options = Options(server.BaseUrl);
        options.MaxReconnectAttempts = 3;
        await using var pool = new ResponsesConnectionPool(options, maxConnections: 2);
        var template = new ResponseCreateRequest { Model = "gpt-5.5", Store = false };
        await using ResponsesSession session = pooled ? new ResponsesSession(pool, template) : new ResponsesSession(options, template);

        ResponsesTurnResult result = await session.CompleteTurnAsync(UserMessage("hello")).WaitAsync(TimeSpan.FromMinutes(1));
        Assert.Equal("response.completed", result.TerminalEvent);
        Assert.Equal("resp_2", result.ResponseId);
        Assert.Equal(3, server.Accepted);
    }

    [Fact]
    public async Task AConnectThatKeepsFailing_EndsWithTheTransportsTypedError_AfterTheConfiguredAttempts()
    {
        await using var server = new ScriptedWebSocketServer(ServeOneThenResetAsync, refuseUpgrade: _ => true);
        ResponsesClientOptions options = Options(server.BaseUrl);
        options.MaxReconnectAttempts = 2;
        await using var pool = new ResponsesConnectionPool(options, maxConnections: 2);
        await using var session = new ResponsesSession(pool, new ResponseCreateRequest { Model = "gpt-5.5", Store = false });

        await Assert.ThrowsAsync<WebSocketConnectionException>(() => session.CompleteTurnAsync(UserMessage("hello")).WaitAsync(TimeSpan.FromMinutes(1)));
        Assert.Equal(3, server.Accepted);
    }

    [Fact]
    public async Task AResetRightAfterEachTerminalEventSurfacesOnlyTheFamilyAndDisposeNeverThrows()
    {
        const int Sessions = 200;
        const int TurnsPerSession = 3;
        using var guard = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        CancellationToken ct = guard.Token;
        await using var server = new ScriptedWebSocketServer(ServeOneThenResetAsync);
        var foreign = new ConcurrentQueue<Exception>();
        var disposeFailures = new ConcurrentQueue<Exception>();
        var outcomes = new ConcurrentDictionary<string, int>();

        // 20 at a time: the race (the reset arriving as the next turn starts) needs no more, and the machine is small.
        using var concurrency = new SemaphoreSlim(20);
        await Task.WhenAll(Enumerable.Range(0, Sessions).Select(async _ =>
        {
            await concurrency.WaitAsync(ct);
            try
            {
                var session = new ResponsesSession(Options(server.BaseUrl), new ResponseCreateRequest { Model = "gpt-5.5", Store = false });
                for (int turn = 0; turn < TurnsPerSession; turn++)
                {
                    string outcome;
                    try
                    {
                        ResponsesTurnResult result = await session.CompleteTurnAsync(UserMessage($"turn {turn}"), ct);
                        outcome = result.TerminalEvent!;
                    }
                    catch (ProtocolCoreException e)
                    {
                        outcome = e.GetType().Name;
                    }
                    catch (Exception e) when (!ct.IsCancellationRequested)
                    {
                        foreign.Enqueue(e);
                        outcome = "foreign";
                    }

                    outcomes.AddOrUpdate(outcome, 1, (_, n) => n + 1);
                }

                Exception? disposed = await Record.ExceptionAsync(() => session.DisposeAsync().AsTask());
                if (disposed is not null)
                {
                    disposeFailures.Enqueue(disposed);
                }
            }
            finally
            {
                concurrency.Release();
            }
        }));

        output.WriteLine("Outcomes: " + string.Join(", ", outcomes.OrderBy(o => o.Key)));
        Assert.Empty(foreign);
        Assert.Empty(disposeFailures);
        Assert.Empty(server.Failures);

        // A turn either ran (on the connection, or retried on a new one when nothing had been sent) or, when the request
        // may have reached the server, was reported as interrupted and not replayed. Nothing else.
        Assert.Equal(Sessions * TurnsPerSession, outcomes.Values.Sum());
        Assert.All(outcomes.Keys, k => Assert.Contains(k, new[] { "response.completed", nameof(ResponseInterruptedException) }));
        Assert.True(outcomes.GetValueOrDefault("response.completed") >= Sessions, $"Outcomes: {string.Join(", ", outcomes)}");
    }

    [Fact]
    public async Task ACloseFrameBetweenTurnsMakesTheNextTurnRunOnANewConnection()
    {
        CancellationToken ct = ClientTestHost.Timeout();
        var closeEchoed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        bool? secondChained = null;
        await using var server = new ScriptedWebSocketServer(async c =>
        {
            using JsonDocument request = await c.ReadRequestAsync();
            if (c.Index == 0)
            {
                await c.SendAsync(ScriptedWebSocketConnection.Created("resp_a"), ScriptedWebSocketConnection.Completed("resp_a"));

                // A close frame, with TCP kept open: the client knows it is closing while its socket is still up.
                await c.SendCloseAsync(1001);
                await c.ReadCloseAsync();
                closeEchoed.TrySetResult();
                await c.HoldAsync();
                return;
            }

            secondChained = request.RootElement.TryGetProperty("previous_response_id", out _);
            await c.SendAsync(ScriptedWebSocketConnection.Created("resp_b"), ScriptedWebSocketConnection.Completed("resp_b"));
            await c.ReadCloseAsync();
        });

        await using var session = new ResponsesSession(Options(server.BaseUrl), new ResponseCreateRequest { Model = "gpt-5.5", Store = false });
        Assert.Equal("response.completed", (await session.CompleteTurnAsync(UserMessage("one"), ct)).TerminalEvent);
        await closeEchoed.Task.WaitAsync(ct);

        ResponsesTurnResult second = await session.CompleteTurnAsync(UserMessage("two"), ct);
        Assert.Equal("response.completed", second.TerminalEvent);
        Assert.Equal("resp_b", second.ResponseId);
        Assert.True(second.SentFullContext);
        Assert.False(secondChained);
        Assert.Equal(1, session.Reconnects);
        Assert.Equal(2, server.Accepted);
        Assert.Empty(server.Failures);
    }

    [Fact]
    public async Task ARequestTheServerReadBeforeResettingIsInterruptedAndReleasesEverySlot()
    {
        CancellationToken ct = ClientTestHost.Timeout();
        await using var server = new ScriptedWebSocketServer(async c =>
        {
            using (JsonDocument first = await c.ReadRequestAsync())
            {
                await c.SendAsync(ScriptedWebSocketConnection.Created("resp_1"), ScriptedWebSocketConnection.Completed("resp_1"));
            }

            using JsonDocument second = await c.ReadRequestAsync();
            c.Abort();
        });

        ResponsesClientOptions options = Options(server.BaseUrl);
        options.MaxInFlightResponses = 1;
        ResponsesConnection connection = await ResponsesConnection.ConnectAsync(options, ct);
        var request = new ResponseCreateRequest { Model = "gpt-5.5", Store = false, Input = UserMessage("hi") };
        Assert.Equal(2, await CountAsync(connection.SendAsync(request, ct)));

        ResponseInterruptedException interrupted = await Assert.ThrowsAsync<ResponseInterruptedException>(() => CountAsync(connection.SendAsync(request, ct)));
        Assert.Equal(0, interrupted.EventsReceived);
        Assert.IsAssignableFrom<ProtocolCoreException>(interrupted.InnerException);

        // The lane and the only in-flight slot were given back: the next request is refused at once, not stuck behind them.
        await Assert.ThrowsAsync<ResponsesConnectionClosedException>(() => CountAsync(connection.SendAsync(request, ct)));
        Assert.Null(await Record.ExceptionAsync(() => connection.CloseAsync(ct)));
        Assert.Null(await Record.ExceptionAsync(() => connection.DisposeAsync().AsTask()));
        Assert.Empty(server.Failures);
    }

    [Fact]
    public async Task AfterAnInterruptedTurnTheSessionRecoversAndDisposeDoesNotThrow()
    {
        CancellationToken ct = ClientTestHost.Timeout();
        await using var server = new ScriptedWebSocketServer(async c =>
        {
            using (JsonDocument first = await c.ReadRequestAsync())
            {
                await c.SendAsync(ScriptedWebSocketConnection.Created($"resp_{c.Index}"), ScriptedWebSocketConnection.Completed($"resp_{c.Index}"));
            }

            using JsonDocument second = await c.ReadRequestAsync();
            c.Abort();
        });

        var session = new ResponsesSession(Options(server.BaseUrl), new ResponseCreateRequest { Model = "gpt-5.5", Store = false });
        await session.CompleteTurnAsync(UserMessage("one"), ct);
        ResponseInterruptedException e = await Assert.ThrowsAsync<ResponseInterruptedException>(() => session.CompleteTurnAsync(UserMessage("two"), ct));
        Assert.Contains("NOT replayed", e.Message, StringComparison.Ordinal);

        // The interrupted turn's items did not join the conversation; the caller ran it again on a new connection.
        Assert.Equal(2, session.Conversation.Count);
        ResponsesTurnResult again = await session.CompleteTurnAsync(UserMessage("two"), ct);
        Assert.Equal("resp_1", again.ResponseId);
        Assert.True(again.SentFullContext);

        // Disposing closes the connection; a second dispose finds nothing to do. Neither throws.
        Assert.Null(await Record.ExceptionAsync(() => session.DisposeAsync().AsTask()));
        Assert.Null(await Record.ExceptionAsync(() => session.DisposeAsync().AsTask()));
        Assert.Empty(server.Failures);
    }

    [Theory]
    [InlineData("""{"type":"response.completed","sequence_number":1,"response":null}""")]
    [InlineData("""{"type":"response.done","sequence_number":1}""")]
    [InlineData("""{"type":"response.completed","sequence_number":1,"response":{"object":"response","status":"completed","output":[]}}""")]
    public async Task ASuccessfulEndWithoutItsResponseIsAProtocolErrorAndLosesNothingSilently(string terminal)
    {
        CancellationToken ct = ClientTestHost.Timeout();
        await using var server = new ScriptedWebSocketServer(async c =>
        {
            while (true)
            {
                using JsonDocument request = await c.ReadRequestAsync();
                await c.SendAsync(ScriptedWebSocketConnection.Created("resp_x"), terminal);
            }
        });

        await using var session = new ResponsesSession(Options(server.BaseUrl), new ResponseCreateRequest { Model = "gpt-5.5", Store = false });
        var seen = new List<string>();
        ResponsesProtocolException e = await Assert.ThrowsAsync<ResponsesProtocolException>(async () =>
        {
            await foreach (ResponsesEvent item in session.RunTurnAsync(UserMessage("hi"), ct))
            {
                seen.Add(item.Type);
            }
        });

        // The terminal event itself was delivered, then the turn failed instead of counting as done.
        Assert.Equal(2, seen.Count);
        Assert.Contains("not added to the conversation", e.Message, StringComparison.Ordinal);
        Assert.Empty(session.Conversation);
        Assert.Null(session.LastResponseId);
        Assert.Empty(server.Failures);
    }

    [Fact]
    public async Task ATimeoutWithHttpFallbackIsInterruptedAndNamesTheTimeout()
    {
        // Accepts TCP connections (the kernel's backlog does) and never answers: the upgrade and the POST both stall.
        var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        try
        {
            var options = new ResponsesClientOptions
            {
                BaseUrl = new Uri($"http://127.0.0.1:{((IPEndPoint)silent.LocalEndpoint).Port}/v1/"),
                ApiKey = ClientTestHost.ApiKey,
                // Generous beside the header wait, so a slow thread pool cannot make the connect itself time out.
                ConnectTimeout = TimeSpan.FromSeconds(2),
                FirstEventTimeout = TimeSpan.FromMilliseconds(200),
                MaxReconnectAttempts = 0,
                AllowHttpFallback = true,
            };
            options.WebSocket.UseEnvironmentProxy = false;
            await using var session = new ResponsesSession(options, new ResponseCreateRequest { Model = "gpt-5.5" });
            ResponseInterruptedException e = await Assert.ThrowsAsync<ResponseInterruptedException>(() => session.CompleteTurnAsync(UserMessage("hi"), ClientTestHost.Timeout()));

            Assert.Equal(ResponsesTransportMode.Http, session.Mode);
            ResponsesTimeoutException timeout = Assert.IsType<ResponsesTimeoutException>(e.InnerException);
            Assert.Equal("ConnectTimeout + FirstEventTimeout", timeout.TimeoutName);
            Assert.Equal(TimeSpan.FromMilliseconds(2200), timeout.Timeout);
            Assert.Contains("ConnectTimeout + FirstEventTimeout", timeout.Message, StringComparison.Ordinal);
        }
        finally
        {
            silent.Stop();
        }
    }

    [Fact]
    public async Task ARefusedConnectionWithHttpFallbackIsAConnectFailureThatSentNothing()
    {
        // A port nobody listens on: bound once to learn a free number, then released.
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        int port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();

        var options = new ResponsesClientOptions
        {
            BaseUrl = new Uri($"http://127.0.0.1:{port}/v1/"),
            ApiKey = ClientTestHost.ApiKey,
            MaxReconnectAttempts = 0,
            AllowHttpFallback = true,
        };
        options.WebSocket.UseEnvironmentProxy = false;
        await using var session = new ResponsesSession(options, new ResponseCreateRequest { Model = "gpt-5.5" });
        ResponsesHttpConnectException e = await Assert.ThrowsAsync<ResponsesHttpConnectException>(() => session.CompleteTurnAsync(UserMessage("hi"), ClientTestHost.Timeout()));

        Assert.Equal(ResponsesTransportMode.Http, session.Mode);
        Assert.Contains("nothing was sent", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(ClientTestHost.ApiKey, e.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AFailedResponseEndsTheToolLoopWithTheServersError()
    {
        await using EmulatorServer server = await ClientTestHost.StartAsync(o => o.DefaultFaults = "response_failed");
        await using var session = new ResponsesSession(ClientTestHost.Options(server), ClientTestHost.Template());
        ToolLoop loop = ClientTestHost.ScriptedLoop(session);
        var turns = new List<ResponsesTurnResult>();
        loop.TurnCompleted = turns.Add;

        ResponsesApiException e = await Assert.ThrowsAsync<ResponsesApiException>(() => loop.RunAsync(ClientTestHost.FirstInput(), ClientTestHost.Timeout()));

        Assert.Equal("server_error", e.Code);
        Assert.Contains("emulator_fault=response_failed", e.Message, StringComparison.Ordinal);
        Assert.Single(turns);
        Assert.Equal("response.failed", turns[0].TerminalEvent);
        Assert.NotEmpty(turns[0].FunctionCalls);
        Assert.Equal(1, server.Counters.Responses);
    }

    private static async Task<int> CountAsync(IAsyncEnumerable<ResponsesEvent> events)
    {
        int count = 0;
        await foreach (ResponsesEvent _ in events)
        {
            count++;
        }

        return count;
    }
}
