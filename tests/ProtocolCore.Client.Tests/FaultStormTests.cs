using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using ProtocolCore.Events;
using ProtocolCore.Faults;
using ProtocolCore.Json;
using ProtocolCore.Models;
using ProtocolCore.Requests;
using ProtocolCore.WebSockets;
using Xunit.Abstractions;

namespace ProtocolCore.Client.Tests;

/// <summary>
/// Issue 10 §4: many sessions run over a thousand turns against the <see cref="FaultServer"/>, which closes, resets
/// or goes away at every point (the upgrade, the request, after response.created, mid-stream, mid-frame, after the
/// terminal event, idle between turns) or stalls. Every turn must either complete with exactly its own response's
/// events, or throw a documented <see cref="ProtocolCoreException"/>; the server must never receive a request twice
/// (the test never retries one itself), never see a conversation with a lost or crossed item, and no turn or dispose
/// may hang. Violations are collected from every session and asserted once, with counts per category.
/// </summary>
public sealed class FaultStormTests(ITestOutputHelper output)
{
    private const int Sessions = 24;
    private const int TurnsPerSession = 44;
    private const int MaxReconnectAttempts = 3;

    /// <summary>Set PROTOCOLCORE_FAULT_STORM_SEED to replay another schedule.</summary>
    private const int DefaultSeed = 20261202;

    /// <summary>Far past every configured timeout: a turn still running then is hung (a hang guard, not a timing assertion).</summary>
    private static readonly TimeSpan s_turnHangGuard = TimeSpan.FromSeconds(45);

    private static readonly TimeSpan s_disposeHangGuard = TimeSpan.FromSeconds(20);

    private static readonly TimeSpan s_stormHangGuard = TimeSpan.FromMinutes(5);

    /// <summary>What a turn may throw (the documented failures of RunTurnAsync and of connecting).</summary>
    private static readonly Type[] s_documented =
    [
        typeof(ResponseInterruptedException),
        typeof(ResponsesConnectionClosedException),
        typeof(ResponsesApiException),
        typeof(WebSocketConnectionException),
        typeof(WebSocketHandshakeException),
        typeof(WebSocketProtocolException),
    ];

    /// <summary>Faults after which completing the turn would need the server to run the request a second time.</summary>
    private static readonly FaultPoint[] s_neverComplete =
    [
        FaultPoint.Request, FaultPoint.Created, FaultPoint.MidStream, FaultPoint.MidFrame, FaultPoint.StallFirst, FaultPoint.StallMid, FaultPoint.ServerError,
    ];

    [Fact]
    public Task SessionsSurviveAFaultStormWithoutReplaysLostEventsOrHangs() => RunStormAsync(pooled: false);

    /// <summary>
    /// The same storm with every session renting from one pool of 8 connections, so a connection's cache and its
    /// cuts pass between conversations. The sessions share one URL, so an armed upgrade fault meets whichever session
    /// connects next: the upgrade labels there mean "armed before this turn".
    /// </summary>
    [Fact]
    public Task PooledSessionsSurviveAFaultStormWithoutReplaysLostEventsOrHangs() => RunStormAsync(pooled: true);

    /// <summary>The dedicated storm with every socket on the epoll event loop (<see cref="WebSocketIoMode.EventLoop"/>).</summary>
    [Fact]
    public Task SessionsOnTheEventLoopSurviveAFaultStormWithoutReplaysLostEventsOrHangs() => RunStormAsync(pooled: false, WebSocketIoMode.EventLoop);

    private async Task RunStormAsync(bool pooled, WebSocketIoMode ioMode = WebSocketIoMode.ThreadPool)
    {
        int seed = Environment.GetEnvironmentVariable("PROTOCOLCORE_FAULT_STORM_SEED") is { Length: > 0 } configured
            ? int.Parse(configured, CultureInfo.InvariantCulture)
            : DefaultSeed;
        output.WriteLine($"Fault storm seed {seed} (PROTOCOLCORE_FAULT_STORM_SEED), {Sessions} {(pooled ? "pooled" : "dedicated")} sessions x {TurnsPerSession} turns.");
        List<List<FaultStormTurn>> plan = FaultStormPlan.Create(seed, Sessions, TurnsPerSession, MaxReconnectAttempts);
        var tally = new FaultStormTally();
        long started = Stopwatch.GetTimestamp();

        await using (FaultServer server = FaultServer.Start())
        {
            ResponsesConnectionPool? pool = pooled ? new ResponsesConnectionPool(StormOptions(server.SessionAddress("pool"), ioMode), maxConnections: 8) : null;
            Task storm = Task.WhenAll(plan.Select((turns, i) => Task.Run(() => RunSessionAsync(
                pool is null ? new ResponsesSession(StormOptions(server.SessionAddress($"s{i:D2}"), ioMode), StormTemplate()) : new ResponsesSession(pool, StormTemplate()),
                $"s{i:D2}",
                turns,
                tally))));
            if (!await FinishesWithinAsync(storm, s_stormHangGuard))
            {
                tally.Fail("hang", $"the storm still ran after {s_stormHangGuard.TotalMinutes} minutes");
            }
            else if (storm.Exception is { } broken)
            {
                foreach (Exception e in broken.InnerExceptions)
                {
                    tally.Fail("storm test error (a test bug)", $"{e.GetType().Name} {Where(e)}: {Shorten(e.Message)}", e.ToString());
                }
            }

            if (pool is not null)
            {
                Task dispose = Task.Run(async () => await pool.DisposeAsync());
                if (!await FinishesWithinAsync(dispose, s_disposeHangGuard))
                {
                    tally.Fail("hang", $"the pool's DisposeAsync still ran after {s_disposeHangGuard.TotalSeconds} s");
                }
                else if (dispose.Exception?.InnerException is { } e)
                {
                    tally.Fail("dispose threw", $"pool: {Describe(e)} {Where(e)}: {Shorten(e.Message)}", e.ToString());
                }
            }

            foreach (string replay in server.Ledger.Replays)
            {
                tally.Fail("request received again after it was accepted (replay)", replay);
            }

            foreach (string failure in server.ContextFailures)
            {
                tally.Fail("request context lost, duplicated or crossed", failure);
            }

            foreach (string failure in server.ProtocolFailures)
            {
                tally.Fail("client broke the protocol", failure);
            }

            foreach (string failure in server.ServerErrors)
            {
                tally.Fail("fault server error (a test bug)", failure);
            }

            // Pooled sessions seldom chain (a rented socket rarely still holds their last response), so evict may never land.
            foreach (FaultPoint point in Enum.GetValues<FaultPoint>().Where(p => p != FaultPoint.None && !(pooled && p == FaultPoint.Evict) && !server.Injected.ContainsKey(p)))
            {
                tally.Fail("fault never injected (the storm did not storm)", FaultDirective.Name(point));
            }

            output.WriteLine($"Server: {server.Connections} connections, {server.Ledger.Requests} requests, {server.Ledger.Receipts} receipts; injected " +
                string.Join(", ", server.Injected.OrderBy(p => p.Key).Select(p => $"{FaultDirective.Name(p.Key)} {p.Value}")));
        }

        if (tally.Turns < 1000 || tally.Completed < tally.Turns / 5)
        {
            tally.Fail("storm too small", $"{tally.Turns} turns ran, {tally.Completed} completed (expected >= 1000 and >= 20% completed)");
        }

        string report = tally.Report();
        output.WriteLine($"Ran in {Stopwatch.GetElapsedTime(started).TotalSeconds:F1} s.");
        output.WriteLine(report);
        output.WriteLine(tally.Examples());
        Assert.True(tally.FailureCount == 0, $"Fault storm (seed {seed}) found {tally.FailureCount} violation(s):\n{report}");
    }

    private static ResponsesClientOptions StormOptions(Uri baseUrl, WebSocketIoMode ioMode) => new()
    {
        BaseUrl = baseUrl,
        ApiKey = "sk-fault-storm",
        ConnectTimeout = TimeSpan.FromSeconds(2),
        FirstEventTimeout = TimeSpan.FromSeconds(3),
        IdleTimeout = TimeSpan.FromSeconds(3),
        MaxReconnectAttempts = MaxReconnectAttempts,
        ReconnectBaseDelay = TimeSpan.FromMilliseconds(2),
        ReconnectMaxDelay = TimeSpan.FromMilliseconds(20),
        AllowHttpFallback = false,
        WebSocket = new WebSocketClientOptions { CloseTimeout = TimeSpan.FromSeconds(1), UseEnvironmentProxy = false, IoMode = ioMode },
    };

    private static ResponseCreateRequest StormTemplate() => new() { Model = "storm", Store = false };

    private static async Task RunSessionAsync(ResponsesSession session, string key, List<FaultStormTurn> turns, FaultStormTally tally)
    {
        var completed = new List<string>();
        foreach (FaultStormTurn turn in turns)
        {
            string id = turn.Directive.Id;
            session.Template.Metadata = new Dictionary<string, string> { ["request_id"] = id };
            var events = new List<ResponsesEvent>();
            using var abandon = new CancellationTokenSource();
            if (turn.Fault is FaultPoint.UpgradeRequest or FaultPoint.UpgradeResponse or FaultPoint.UpgradeStall)
            {
                await WaitUntilClosedAsync(session);
            }

            long start = Stopwatch.GetTimestamp();
            Task run = CollectAsync(session, turn.Directive, events, abandon.Token);
            if (!await FinishesWithinAsync(run, s_turnHangGuard))
            {
                tally.Fail("hang", $"{id} [{turn.Label}] still ran after {s_turnHangGuard.TotalSeconds} s ({events.Count} events)");
                await abandon.CancelAsync();
                if (!await FinishesWithinAsync(run, s_turnHangGuard))
                {
                    tally.Fail("hang", $"{id} [{turn.Label}] ignored cancellation; session {key} abandoned");
                    return;
                }

                continue;
            }

            TimeSpan duration = Stopwatch.GetElapsedTime(start);
            Exception? failure = run.Exception?.InnerException;
            string outcome = failure is null ? "completed" : Describe(failure);
            tally.Outcome(turn.Label, outcome, duration);
            if (failure is null)
            {
                completed.Add(id);
                if (FaultStormEvents.Check(id, events, complete: true) is { } wrong)
                {
                    tally.Fail("completed turn with lost, duplicated or crossed events", $"{id} [{turn.Label}]: {wrong}");
                }

                if (s_neverComplete.Contains(turn.Directive.Fault))
                {
                    tally.Fail("completed a response the server broke", $"{id} [{turn.Label}]");
                }

                continue;
            }

            if (!s_documented.Contains(failure.GetType()))
            {
                tally.Fail("undocumented exception", $"{outcome} [{turn.Label}] {Where(failure)}: {Shorten(failure.Message)}", failure.ToString());
            }

            // The error event a failed response ends with is not part of the stream it failed.
            List<ResponsesEvent> streamed = events is [.., ErrorEvent] && failure is ResponsesApiException ? events[..^1] : events;
            if (FaultStormEvents.Check(id, streamed, complete: false) is { } mismatch)
            {
                tally.Fail("failed turn with wrong events before the failure", $"{id} [{turn.Label}] {outcome}: {mismatch}");
            }
        }

        CheckConversation(key, session, completed, tally);
        Task dispose = Task.Run(async () => await session.DisposeAsync());
        if (!await FinishesWithinAsync(dispose, s_disposeHangGuard))
        {
            tally.Fail("hang", $"session {key} DisposeAsync still ran after {s_disposeHangGuard.TotalSeconds} s");
        }
        else if (dispose.Exception?.InnerException is { } e)
        {
            tally.Fail("dispose threw", $"{Describe(e)} {Where(e)}: {Shorten(e.Message)}", e.ToString());
        }
    }

    /// <summary>False when <paramref name="task"/> is still running after <paramref name="guard"/>; its own outcome is left in it.</summary>
    private static async Task<bool> FinishesWithinAsync(Task task, TimeSpan guard)
    {
        try
        {
            await task.WaitAsync(guard);
        }
        catch (TimeoutException) when (!task.IsCompleted)
        {
            return false;
        }
        catch (Exception) when (task.IsCompleted)
        {
            // The task's own failure: the caller reads it from the task.
        }

        return true;
    }

    /// <summary>
    /// Before an upgrade fault's turn the server cuts the idle connection; waiting to see that keeps the turn from
    /// sending on the dying socket instead of reconnecting into the armed faults. Bounded: the turn runs either way.
    /// </summary>
    private static async Task WaitUntilClosedAsync(ResponsesSession session)
    {
        for (int i = 0; i < 400 && session.Connection is { IsOpen: true }; i++)
        {
            await Task.Delay(5);
        }
    }

    private static async Task CollectAsync(ResponsesSession session, FaultDirective directive, List<ResponsesEvent> events, CancellationToken cancellationToken)
    {
        var message = new Message { Role = MessageRole.User, Content = new MessageContent([new InputTextContent { Text = directive.Format() }]) };
        await foreach (ResponsesEvent e in session.RunTurnAsync([message], cancellationToken))
        {
            events.Add(e);
        }
    }

    /// <summary>The conversation holds, in order, each completed turn's user message and exactly its answer, and nothing else.</summary>
    private static void CheckConversation(string key, ResponsesSession session, List<string> completed, FaultStormTally tally)
    {
        var expected = new List<(string Role, string Text)>();
        foreach (string id in completed)
        {
            expected.Add(("user", id));
            expected.Add(("assistant", StormResponse.Text(id)));
        }

        var actual = new List<(string Role, string Text)>();
        foreach (InputItem item in session.Conversation)
        {
            using JsonDocument json = JsonDocument.Parse(ProtocolJson.ToUtf8Bytes(item));
            string role = json.RootElement.TryGetProperty("role", out JsonElement r) ? r.GetString() ?? "?" : "?";
            string text = string.Concat(json.RootElement.TryGetProperty("content", out JsonElement content) && content.ValueKind == JsonValueKind.Array
                ? content.EnumerateArray().Select(p => p.TryGetProperty("text", out JsonElement t) ? t.GetString() : null)
                : []);
            actual.Add((role, role == "user" ? FaultDirective.Parse(text)?.Id ?? text : text));
        }

        int same = 0;
        while (same < Math.Min(expected.Count, actual.Count) && expected[same] == actual[same])
        {
            same++;
        }

        if (same != expected.Count || same != actual.Count)
        {
            tally.Fail("conversation lost, duplicated or crossed items", $"session {key}: {actual.Count} items for {completed.Count} completed turns; first difference at item {same}");
        }
    }

    private static string Describe(Exception e) => e is ResponseInterruptedException { InnerException: { } inner }
        ? $"{e.GetType().Name}({inner.GetType().Name})"
        : e.GetType().Name;

    /// <summary>The stack's top frame and, when that is not ProtocolCore's, its first ProtocolCore frame (without file paths).</summary>
    private static string Where(Exception e)
    {
        string[] frames = [.. (e.StackTrace ?? string.Empty).Split('\n').Select(l => l.Trim()).Where(l => l.StartsWith("at ", StringComparison.Ordinal))
            .Select(l => l.Split(" in ")[0])];
        if (frames.Length == 0)
        {
            return "(no stack)";
        }

        string? ours = frames.FirstOrDefault(f => f.StartsWith("at ProtocolCore.", StringComparison.Ordinal));
        return ours is null || ours == frames[0] ? frames[0] : $"{frames[0]} <- {ours}";
    }

    private static string Shorten(string text)
    {
        text = text.ReplaceLineEndings(" ");
        return text.Length <= 160 ? text : text[..160] + "...";
    }
}
