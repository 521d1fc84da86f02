using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using ProtocolCore.Emulator;
using ProtocolCore.Native;
using ProtocolCore.Native.Exports;

using static ProtocolCore.Interop.Tests.NativeSessionCalls;

namespace ProtocolCore.Interop.Tests;

/// <summary>
/// <c>pc_session_turn_info</c> called through the export itself (a C function pointer), for sessions that talk to the
/// emulator through <see cref="WebSocketPayloadRelay"/>: the bytes it reports are those the relay saw pass, the chain
/// decision is the session's own, and misuse is typed.
/// </summary>
public class NativeTurnInfoTests
{
    private const string ApiKey = "sk-native-turn-info-test-0123456789abcdef";

    private static readonly byte[] s_firstRequest = Encoding.UTF8.GetBytes(
        """{"type":"response.create","model":"gpt-emulator","input":[{"type":"message","role":"user","content":[{"type":"input_text","text":"Fix it."}]}]}""");

    [Fact]
    public async Task ChainedTurnsReportTheirWireBytesAndChainDecision()
    {
        await using EmulatorServer server = await StartEmulatorAsync();
        await using var relay = new WebSocketPayloadRelay(server.Port);
        nint session = Open(Through(relay, server), ApiKey, "");
        try
        {
            byte[] request = s_firstRequest;
            for (int turn = 0; turn < 3; turn++)
            {
                long sentBefore = relay.ClientPayloadBytes;
                long receivedBefore = relay.ServerPayloadBytes;
                Assert.Equal(PcStatus.Ok, Send(session, request));

                // While the turn runs (its first event pulled, not its end): figures so far, and no decision reported.
                List<string> events = [Pull(session)];
                PcTurnInfo running = TurnInfo(session);
                Assert.Equal((0, PcStatus.Ok, -1, -1), (running.Done, running.Status, running.FullContext, running.Retries));
                Assert.InRange(running.Events, 1, long.MaxValue);

                events.AddRange(Drain(session));
                PcTurnInfo info = TurnInfo(session);
                Assert.Equal((1, PcStatus.Ok, 0), (info.Done, info.Status, info.Mode));

                // The first turn opens the connection and sends everything; the next ones chain on it.
                Assert.Equal(turn == 0 ? 1 : 0, info.FullContext);
                Assert.Equal((0, turn == 0 ? 1 : 0, 0), (info.Retries, info.Connects, info.Reconnects));
                Assert.Equal(events.Count, info.Events);
                Assert.Equal(relay.ClientPayloadBytes - sentBefore, info.BytesSent);
                Assert.Equal(relay.ServerPayloadBytes - receivedBefore, info.BytesReceived);

                JsonElement response = JsonDocument.Parse(events[^1]).RootElement.GetProperty("response");
                Assert.Equal(response.GetProperty("id").GetString(), ResponseId(info));
                JsonElement usage = response.GetProperty("usage");
                Assert.Equal(usage.GetProperty("input_tokens").GetInt64(), info.InputTokens);
                Assert.Equal(usage.GetProperty("output_tokens").GetInt64(), info.OutputTokens);
                Assert.Equal(usage.GetProperty("total_tokens").GetInt64(), info.TotalTokens);

                request = FunctionCallOutputs(events);
            }

            // Payload bytes, not frames: the relay's data frames are larger by their headers (and the masking keys).
            Assert.True(relay.ClientFrameBytes > relay.ClientPayloadBytes && relay.ServerFrameBytes > relay.ServerPayloadBytes);
            Assert.Equal(1, relay.Connections);
        }
        finally
        {
            Assert.Equal(PcStatus.Ok, Destroy(session));
        }
    }

    [Fact]
    public async Task ACancelledTurnReportsItsBytesAndTheNextTurnSendsTheFullContextOnANewConnection()
    {
        await using EmulatorServer server = await StartEmulatorAsync();
        await using var relay = new WebSocketPayloadRelay(server.Port);
        nint session = Open(Through(relay, server), ApiKey, "");
        try
        {
            Assert.Equal(PcStatus.Ok, Send(session, s_firstRequest));
            List<string> first = Drain(session);
            Assert.Equal(1, TurnInfo(session).FullContext);

            // The server's answer is held in the relay: the request went out, nothing comes back, the turn is cancelled.
            relay.Freeze();
            long sentBefore = relay.ClientPayloadBytes;
            long receivedBefore = relay.ServerPayloadBytes;
            Assert.Equal(PcStatus.Ok, Send(session, FunctionCallOutputs(first)));
            Assert.True(SpinWait.SpinUntil(() => server.Counters.Responses == 2, TimeSpan.FromSeconds(30)), "the request never reached the server");
            Assert.Equal(PcStatus.Ok, Cancel(session));
            Assert.Equal(PcStatus.Cancelled, NextStatus(session, 10_000));
            Assert.Equal(PcStatus.TurnDone, NextStatus(session, 0));

            PcTurnInfo cancelled = TurnInfo(session);
            Assert.Equal((1, PcStatus.Cancelled), (cancelled.Done, cancelled.Status));
            Assert.Equal((-1, -1, 0L), (cancelled.FullContext, cancelled.Retries, cancelled.Events));
            Assert.Equal(relay.ClientPayloadBytes - sentBefore, cancelled.BytesSent);
            Assert.InRange(cancelled.BytesSent, 1, long.MaxValue);
            Assert.Equal((0L, 0L), (relay.ServerPayloadBytes - receivedBefore, cancelled.BytesReceived));
            Assert.True(cancelled.ResponseIdLength == 0 && cancelled.InputTokens == -1);

            // The cancelled request's connection is gone: the next turn reconnects and sends the whole conversation.
            relay.DropFrozen();
            sentBefore = relay.ClientPayloadBytes;
            receivedBefore = relay.ServerPayloadBytes;
            Assert.Equal(PcStatus.Ok, Send(session, Encoding.UTF8.GetBytes("""{"type":"response.create","input":"are you there?"}""")));
            List<string> after = Drain(session);
            PcTurnInfo info = TurnInfo(session);
            Assert.Equal((1, PcStatus.Ok, 1), (info.Done, info.Status, info.FullContext));
            Assert.Equal((1, 1), (info.Connects, info.Reconnects));
            Assert.Equal(after.Count, info.Events);
            Assert.Equal(relay.ClientPayloadBytes - sentBefore, info.BytesSent);
            Assert.Equal(relay.ServerPayloadBytes - receivedBefore, info.BytesReceived);
            Assert.Equal(2, relay.Connections);
        }
        finally
        {
            relay.DropFrozen();
            Assert.Equal(PcStatus.Ok, Destroy(session));
        }
    }

    [Fact]
    public async Task HttpModeTurnsSendTheFullContextEveryTime()
    {
        await using EmulatorServer server = await StartEmulatorAsync();
        nint session = Open(server.BaseAddress.ToString(), ApiKey, """{"mode":"http"}""");
        try
        {
            byte[] request = s_firstRequest;
            long lastSent = 0;
            for (int turn = 0; turn < 3; turn++)
            {
                Assert.Equal(PcStatus.Ok, Send(session, request));
                List<string> events = Drain(session);
                PcTurnInfo info = TurnInfo(session);
                Assert.Equal((1, PcStatus.Ok, 1, 1, 0), (info.Done, info.Status, info.Mode, info.FullContext, info.Connects));

                // The whole conversation goes every time, so each request is larger than the one before.
                Assert.True(info.BytesSent > lastSent, $"turn {turn}: {info.BytesSent} bytes after {lastSent}");
                Assert.True(info.BytesReceived > events.Sum(json => json.Length) / 2);
                lastSent = info.BytesSent;
                request = FunctionCallOutputs(events);
            }
        }
        finally
        {
            Assert.Equal(PcStatus.Ok, Destroy(session));
        }
    }

    [Fact]
    public async Task AnInterruptedTurnReportsItsErrorAndNoChainDecision()
    {
        await using EmulatorServer server = await StartEmulatorAsync("abrupt_close");
        nint session = Open(server.BaseAddress.ToString(), ApiKey, """{"max_reconnect_attempts":0}""");
        try
        {
            Assert.Equal(PcStatus.Ok, Send(session, s_firstRequest));
            int status;
            while ((status = NextStatus(session, 10_000)) == PcStatus.Ok)
            {
            }

            Assert.Equal(PcStatus.Interrupted, status);
            PcTurnInfo info = TurnInfo(session);
            Assert.Equal((1, PcStatus.Interrupted, -1, -1), (info.Done, info.Status, info.FullContext, info.Retries));
            Assert.Equal(1, info.Connects);
            Assert.InRange(info.BytesSent, 1, long.MaxValue);
        }
        finally
        {
            Assert.Equal(PcStatus.Ok, Destroy(session));
        }
    }

    [Fact]
    public unsafe void MisuseIsTyped()
    {
        delegate* unmanaged[Cdecl]<nint, PcTurnInfo*, int> turnInfo = &NativeExports.SessionTurnInfo;
        nint session = Open("http://127.0.0.1:1/v1/", ApiKey, "");
        var info = new PcTurnInfo { Size = (uint)sizeof(PcTurnInfo) };
        Assert.Equal(PcStatus.InvalidState, turnInfo(session, &info));
        Assert.Contains("no turn", LastErrorMessage(), StringComparison.Ordinal);

        info.Size = (uint)sizeof(PcTurnInfo) - 8;
        Assert.Equal(PcStatus.InvalidArgument, turnInfo(session, &info));
        Assert.Contains("sizeof(pc_turn_info)", LastErrorMessage(), StringComparison.Ordinal);
        Assert.Equal(PcStatus.InvalidArgument, turnInfo(session, null));

        Assert.Equal(PcStatus.Ok, Destroy(session));
        info.Size = (uint)sizeof(PcTurnInfo);
        Assert.Equal(PcStatus.InvalidHandle, turnInfo(session, &info));
        Assert.Equal(PcStatus.InvalidHandle, turnInfo(0, &info));
    }

    [Fact]
    public unsafe void TheStructMatchesTheHeaderAndTheLp64Layout()
    {
        // 8 int32 members, then 8 int64 counts, then (pointer, size_t).
        Assert.Equal(112, sizeof(PcTurnInfo));
        Assert.Equal(32, (int)Marshal.OffsetOf<PcTurnInfo>(nameof(PcTurnInfo.Events)));
        Assert.Equal(96, (int)Marshal.OffsetOf<PcTurnInfo>(nameof(PcTurnInfo.ResponseId)));

        string header = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "src", "Native", "include", "protocolcore.h"));
        string body = Regex.Match(header, @"typedef struct pc_turn_info \{(.*?)\} pc_turn_info;", RegexOptions.Singleline).Groups[1].Value;
        string[] members = Regex.Matches(body, @"^\s*[\w\s\*]+?\b(\w+);", RegexOptions.Multiline).Select(m => m.Groups[1].Value).ToArray();
        string[] managed = typeof(PcTurnInfo).GetFields().Select(f => Regex.Replace(f.Name, "(?<=[a-z])([A-Z])", "_$1").ToLowerInvariant()).ToArray();
        Assert.Equal(managed, members);
        // pc_turn_info arrived in 1.3; later minors only add (1.4: pc_session_ready_fd).
        int minor = int.Parse(Regex.Match(header, @"#define PC_ABI_VERSION_MINOR (\d+)\b").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(minor >= 3, $"PC_ABI_VERSION_MINOR is {minor}");
        Assert.Equal(NativeExports.AbiVersion, (1u << 16) | (uint)minor);
    }

    /// <summary>The emulator's base URL with the relay's port.</summary>
    private static string Through(WebSocketPayloadRelay relay, EmulatorServer server) =>
        new UriBuilder(server.BaseAddress) { Port = relay.Port }.Uri.ToString();

    /// <summary>The next turn's request: an output for every function call of <paramref name="events"/>.</summary>
    private static byte[] FunctionCallOutputs(List<string> events)
    {
        var outputs = new List<string>();
        foreach (string json in events)
        {
            JsonElement root = JsonDocument.Parse(json).RootElement;
            if (root.GetProperty("type").GetString() == "response.output_item.done"
                && root.GetProperty("item").GetProperty("type").GetString() == "function_call")
            {
                outputs.Add($$"""{"type":"function_call_output","call_id":"{{root.GetProperty("item").GetProperty("call_id").GetString()}}","output":"ok"}""");
            }
        }

        Assert.NotEmpty(outputs);
        return Encoding.UTF8.GetBytes($$"""{"type":"response.create","input":[{{string.Join(",", outputs)}}]}""");
    }

    private static unsafe PcTurnInfo TurnInfo(nint session)
    {
        delegate* unmanaged[Cdecl]<nint, PcTurnInfo*, int> turnInfo = &NativeExports.SessionTurnInfo;
        var info = new PcTurnInfo { Size = (uint)sizeof(PcTurnInfo) };
        int status = turnInfo(session, &info);
        Assert.True(status == PcStatus.Ok, $"pc_session_turn_info: {status} {LastErrorMessage()}");
        return info;
    }

    private static unsafe string LastErrorMessage()
    {
        delegate* unmanaged[Cdecl]<byte**, nuint*, int> lastError = &NativeExports.GetLastErrorMessage;
        byte* message;
        nuint length;
        Assert.Equal(PcStatus.Ok, lastError(&message, &length));
        return Utf8(message, length) ?? "";
    }

    private static unsafe string? ResponseId(PcTurnInfo info) => Utf8(info.ResponseId, info.ResponseIdLength);

    private static unsafe string? Utf8(byte* pointer, nuint length) => pointer is null ? null : Encoding.UTF8.GetString(pointer, (int)length);

    /// <summary>One event of the turn, as raw JSON.</summary>
    private static unsafe string Pull(nint session)
    {
        var e = new PcEvent { Size = (uint)sizeof(PcEvent) };
        int status = NextEvent(session, 30_000, &e);
        Assert.True(status == PcStatus.Ok, $"pc_session_next_event: {status} {LastErrorMessage()}");
        return Encoding.UTF8.GetString(e.RawJson, (int)e.RawJsonLength);
    }

    /// <summary>The rest of the turn's events as raw JSON, until <c>PC_TURN_DONE</c>.</summary>
    private static unsafe List<string> Drain(nint session)
    {
        var events = new List<string>();
        var e = new PcEvent { Size = (uint)sizeof(PcEvent) };
        while (true)
        {
            int status = NextEvent(session, 30_000, &e);
            if (status == PcStatus.TurnDone)
            {
                return events;
            }

            Assert.True(status == PcStatus.Ok, $"pc_session_next_event: {status} {LastErrorMessage()}");
            events.Add(Encoding.UTF8.GetString(e.RawJson, (int)e.RawJsonLength));
        }
    }
}
