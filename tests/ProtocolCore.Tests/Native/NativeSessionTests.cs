using System;
using System.Collections.Generic;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using ProtocolCore.Emulator;
using ProtocolCore.Native;
using ProtocolCore.Tests.Secrets;

namespace ProtocolCore.Tests.Native;

/// <summary>
/// <see cref="NativeSession"/> (behind <c>pc_session_*</c>) against the in-process emulator: the scripted tool loop,
/// the end-of-turn protocol, and every failure typed with its status and without the API key.
/// </summary>
public class NativeSessionTests
{
    private const string ApiKey = "sk-native-session-test-0123456789abcdef";

    private static readonly byte[] s_firstRequest = Encoding.UTF8.GetBytes(
        """{"type":"response.create","model":"gpt-emulator","input":[{"type":"message","role":"user","content":[{"type":"input_text","text":"Fix it."}]}]}""");

    [Theory]
    [InlineData(null)]
    [InlineData("""{"mode":"http"}""")]
    public async Task ToolLoopRunsTheScriptedAgent(string? options)
    {
        await using EmulatorServer server = await StartAsync(new EmulatorOptions());
        using var session = new NativeSession(server.BaseAddress.ToString(), ApiKey, Encoding.UTF8.GetBytes(options ?? ""));
        byte[] request = s_firstRequest;
        int turns = 0;
        int calls = 0;
        while (true)
        {
            turns++;
            Assert.True(turns <= 64, "the tool loop did not end");
            session.Send(request);
            List<string> events = Drain(session);
            Assert.Equal("response.completed", JsonDocument.Parse(events[^1]).RootElement.GetProperty("type").GetString());
            var outputs = new List<string>();
            foreach (string json in events)
            {
                JsonElement root = JsonDocument.Parse(json).RootElement;
                if (root.GetProperty("type").GetString() == "response.output_item.done"
                    && root.GetProperty("item").GetProperty("type").GetString() == "function_call")
                {
                    calls++;
                    outputs.Add($$"""{"type":"function_call_output","call_id":"{{root.GetProperty("item").GetProperty("call_id").GetString()}}","output":"ok {{calls}}"}""");
                }
            }

            if (outputs.Count == 0)
            {
                break;
            }

            request = Encoding.UTF8.GetBytes($$"""{"type":"response.create","input":[{{string.Join(",", outputs)}}]}""");
        }

        Assert.Equal(ScriptedCodingAgent.TurnCount, turns);
        Assert.Equal(ScriptedCodingAgent.TotalToolCalls, calls);
    }

    [Fact]
    public async Task StalledResponseIsInterruptedThenTheTurnIsDone()
    {
        await using EmulatorServer server = await StartAsync(new EmulatorOptions { DefaultFaults = "delay_ms:3000" });
        using var session = new NativeSession(server.BaseAddress.ToString(), ApiKey, """{"idle_timeout_ms":200}"""u8);
        session.Send(s_firstRequest);
        var e = default(PcEvent);
        PcException failure = Assert.Throws<PcException>(() =>
        {
            while (session.Next(10_000, ref e) == PcStatus.Ok)
            {
            }
        });
        Assert.Equal(PcStatus.Interrupted, failure.Status);
        Assert.Equal(PcStatus.TurnDone, session.Next(0, ref e));
    }

    [Fact]
    public async Task RejectedKeyIsAConnectionErrorWithoutTheKey()
    {
        await using EmulatorServer server = await StartAsync(new EmulatorOptions { AcceptedApiKeys = ["another-key"] });
        using var session = new NativeSession(server.BaseAddress.ToString(), ApiKey, """{"max_reconnect_attempts":0}"""u8);
        session.Send(s_firstRequest);
        var e = default(PcEvent);
        PcException failure = Assert.Throws<PcException>(() => session.Next(10_000, ref e));
        Assert.Contains(failure.Status, new[] { PcStatus.Connection, PcStatus.Api });
        Assert.DoesNotContain(ApiKey, failure.Message, StringComparison.Ordinal);
        Assert.Equal(PcStatus.TurnDone, session.Next(0, ref e));
    }

    [Fact]
    public void ARefusedConnectionWithHttpFallbackIsAConnectionErrorNotInternal()
    {
        // A port nobody listens on: bound once to learn a free number, then released.
        var probe = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        probe.Start();
        int port = ((System.Net.IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();

        using var session = new NativeSession($"http://127.0.0.1:{port}/v1/", ApiKey, """{"max_reconnect_attempts":0,"allow_http_fallback":true}"""u8);
        session.Send(s_firstRequest);
        var e = default(PcEvent);
        PcException failure = Assert.Throws<PcException>(() => session.Next(10_000, ref e));
        Assert.Equal(PcStatus.Connection, failure.Status);
        Assert.Contains("nothing was sent", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(ApiKey, failure.Message, StringComparison.Ordinal);
        Assert.Equal(PcStatus.TurnDone, session.Next(0, ref e));
    }

    [Theory]
    [InlineData(KeyEcho.ErrorEvent, null)]
    [InlineData(KeyEcho.ErrorEvent, """{"mode":"http"}""")]
    [InlineData(KeyEcho.UpgradeRequired, null)]
    public async Task AKeyTheServerEchoesIsRedactedFromTheError(KeyEcho echo, string? options)
    {
        await using KeyEchoingServer server = await KeyEchoingServer.StartAsync(echo);
        using var session = new NativeSession(server.BaseAddress.ToString(), ApiKey, Encoding.UTF8.GetBytes(options ?? ""));
        session.Send(s_firstRequest);
        var e = default(PcEvent);
        PcException failure = Assert.Throws<PcException>(() =>
        {
            while (session.Next(30_000, ref e) == PcStatus.Ok)
            {
            }
        });
        Assert.Equal(PcStatus.Api, failure.Status);
        Assert.Contains("Incorrect API key provided: [redacted].", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(ApiKey, failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AKeyTooShortToSearchForLeavesTheMessageIntact()
    {
        // The key "k" occurs in "Unknown": replacing it there would mangle the message and hide nothing.
        await using EmulatorServer server = await StartAsync(new EmulatorOptions());
        using var session = new NativeSession(new Uri(server.BaseAddress, "nope/").ToString(), "k", """{"mode":"http"}"""u8);
        session.Send(s_firstRequest);
        var e = default(PcEvent);
        PcException failure = Assert.Throws<PcException>(() => session.Next(30_000, ref e));
        Assert.Equal(PcStatus.Api, failure.Status);
        Assert.Contains("Unknown path '/v1/nope/responses'", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("[redacted]", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ARequestOverTheSizeLimitWithoutFallbackIsAnInvalidArgumentAndTheSessionGoesOn()
    {
        await using EmulatorServer server = await StartAsync(new EmulatorOptions());
        using var session = new NativeSession(server.BaseAddress.ToString(), ApiKey, """{"allow_http_fallback":false}"""u8);

        // Over the client's 15 MiB limit (not configurable here) and under the emulator's 16 MiB: refused unsent.
        string padding = new('x', 15 * 1024 * 1024 + 512 * 1024);
        session.Send(Encoding.UTF8.GetBytes(
            $$"""{"type":"response.create","model":"gpt-emulator","input":[{"type":"message","role":"user","content":[{"type":"input_text","text":"{{padding}}"}]}]}"""));
        var e = default(PcEvent);
        PcException failure = Assert.Throws<PcException>(() => session.Next(30_000, ref e));

        Assert.Equal(PcStatus.InvalidArgument, failure.Status);
        Assert.Contains("15,728,640", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(ApiKey, failure.Message, StringComparison.Ordinal);
        Assert.Equal(PcStatus.TurnDone, session.Next(0, ref e));
        Assert.Equal(0, server.Counters.Responses);
        Assert.Equal(0, server.Counters.MessagesTooLarge);

        // Nothing was written: a smaller request runs.
        session.Send(s_firstRequest);
        Assert.Contains(Drain(session), json => json.Contains("\"response.completed\"", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("not a url", "")]
    [InlineData("ftp://127.0.0.1/v1/", "")]
    [InlineData("http://127.0.0.1:1/v1/", """{"mode":"smoke-signals"}""")]
    [InlineData("http://127.0.0.1:1/v1/", """{"connect_timeout_ms":0}""")]
    [InlineData("http://127.0.0.1:1/v1/", """{"unknown":1}""")]
    [InlineData("http://127.0.0.1:1/v1/", "[1]")]
    public void BadUrlOrOptionsAreInvalidArguments(string url, string options)
    {
        PcException failure = Assert.Throws<PcException>(() => new NativeSession(url, ApiKey, Encoding.UTF8.GetBytes(options)));
        Assert.Equal(PcStatus.InvalidArgument, failure.Status);
        Assert.DoesNotContain(ApiKey, failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CancelFromAnotherThreadEndsTheWaitingPullAndTheNextTurnRunsOnANewConnection()
    {
        // Every response's output starts 60 s late, so the pull is still waiting when the cancel lands, however loaded
        // the machine (a shorter delay let a starved test thread cancel a turn that had already completed).
        await using EmulatorServer server = await StartAsync(new EmulatorOptions { DefaultFaults = "delay_ms:60000" });
        using var session = new NativeSession(server.BaseAddress.ToString(), ApiKey, default);
        session.Send(s_firstRequest);
        // The puller takes response.created and response.in_progress (sent before the delay), then waits.
        Task<int> pull = Task.Factory.StartNew(
            () =>
            {
                var e = default(PcEvent);
                int status;
                while ((status = session.Next(-1, ref e)) == PcStatus.Ok)
                {
                }

                return status;
            },
            TaskCreationOptions.LongRunning);

        // Cancel once the server runs the request (it then sleeps before its first delta).
        Assert.True(SpinWait.SpinUntil(() => server.Counters.Responses == 1, TimeSpan.FromSeconds(30)), "the request never reached the server");
        session.Cancel();
        PcException cancelled = await Assert.ThrowsAsync<PcException>(() => pull);
        Assert.Equal(PcStatus.Cancelled, cancelled.Status);
        var next = default(PcEvent);
        Assert.Equal(PcStatus.TurnDone, session.Next(0, ref next));

        // The session is still usable, and the cancelled response's socket was closed: the next turn opens another.
        session.Send(s_firstRequest);
        Assert.True(SpinWait.SpinUntil(() => server.Counters.Responses == 2, TimeSpan.FromSeconds(30)), "the second request never reached the server");
        Assert.Equal(2, server.Counters.WebSocketConnections);
        session.Close();
    }

    [Fact]
    public async Task CancelDropsTheEventsNotYetPulled()
    {
        await using EmulatorServer server = await StartAsync(new EmulatorOptions());
        using var session = new NativeSession(server.BaseAddress.ToString(), ApiKey, default);
        session.Send(s_firstRequest);
        var e = default(PcEvent);
        Assert.Equal(PcStatus.Ok, session.Next(10_000, ref e));
        session.Cancel();
        session.Cancel();
        Assert.Equal(PcStatus.Cancelled, Assert.Throws<PcException>(() => session.Next(0, ref e)).Status);
        Assert.Equal(PcStatus.TurnDone, session.Next(0, ref e));
        Assert.Equal(PcStatus.TurnDone, session.Next(0, ref e));

        session.Send(s_firstRequest);
        List<string> events = Drain(session);
        Assert.Equal("response.created", JsonDocument.Parse(events[0]).RootElement.GetProperty("type").GetString());
        Assert.Equal("response.completed", JsonDocument.Parse(events[^1]).RootElement.GetProperty("type").GetString());
    }

    [Fact]
    public void CancelWithoutATurnDoesNothing()
    {
        using var session = new NativeSession("http://127.0.0.1:1/v1/", ApiKey, default);
        session.Cancel();
        var e = default(PcEvent);
        Assert.Equal(PcStatus.TurnDone, session.Next(0, ref e));
        session.Close();
        session.Cancel();
    }

    [Fact]
    public void ClosedSessionRefusesEverything()
    {
        var session = new NativeSession("http://127.0.0.1:1/v1/", ApiKey, default);
        var e = default(PcEvent);
        Assert.Equal(PcStatus.TurnDone, session.Next(0, ref e));
        Assert.Equal(PcStatus.Json, Assert.Throws<PcException>(() => session.Send("{"u8)).Status);
        session.Close();
        session.Close();
        Assert.Equal(PcStatus.InvalidState, Assert.Throws<PcException>(() => session.Send(s_firstRequest)).Status);
        Assert.Equal(PcStatus.InvalidState, Assert.Throws<PcException>(() => session.Next(0, ref e)).Status);
        session.Dispose();
    }

    private static Task<EmulatorServer> StartAsync(EmulatorOptions options)
    {
        options.CostModel = EmulatorCostModel.Zero;
        return EmulatorServer.StartAsync(options);
    }

    /// <summary>Every event of the turn as raw JSON, until <see cref="PcStatus.TurnDone"/>.</summary>
    private static unsafe List<string> Drain(NativeSession session)
    {
        var events = new List<string>();
        var e = default(PcEvent);
        while (true)
        {
            int status = session.Next(10_000, ref e);
            if (status == PcStatus.TurnDone)
            {
                return events;
            }

            Assert.Equal(PcStatus.Ok, status);
            events.Add(Encoding.UTF8.GetString(e.RawJson, (int)e.RawJsonLength));
        }
    }
}
