using System;
using System.Runtime.InteropServices;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using ProtocolCore.Emulator;
using ProtocolCore.Native;
using ProtocolCore.Native.Exports;

namespace ProtocolCore.Interop.Tests;

/// <summary>
/// <c>pc_session_ready_fd</c> through the exports, waited on with poll(2) as an event loop would: the fd is readable
/// whenever a timeout-0 pull has something (every event of chained turns arrives through it, a cancel from another
/// thread wakes a wait), and misuse is typed. A lost wake-up shows as a poll that times out (a 30 s hang guard).
/// </summary>
public partial class NativeReadyFdTests
{
    private const int HangGuardMs = 30_000;
    private const short PollIn = 1;

    private static readonly byte[] s_firstRequest = Encoding.UTF8.GetBytes(
        """{"type":"response.create","model":"gpt-emulator","input":[{"type":"message","role":"user","content":[{"type":"input_text","text":"Fix it."}]}]}""");

    [Fact]
    public async Task EveryEventOfChainedTurnsIsAnnouncedByTheFd()
    {
        await using EmulatorServer server = await StartAsync();
        nint session = Open(server.BaseAddress.ToString());
        try
        {
            int fd = ReadyFd(session, out int status);
            Assert.Equal((PcStatus.Ok, fd), (status, ReadyFd(session, out _)));
            Assert.True(fd >= 0);
            Assert.Equal(PcStatus.Ok, Send(session, s_firstRequest));
            int events = PullAllThroughTheFd(session, fd, out int waits);
            Assert.True(events > 0 && waits > 0, $"{events} events, {waits} waits");

            // The next turn (a plain user message, so the emulator answers without tools): the same fd goes on working.
            Assert.Equal(PcStatus.Ok, Send(session, Encoding.UTF8.GetBytes("""{"type":"response.create","input":"and now?"}""")));
            Assert.True(PullAllThroughTheFd(session, fd, out _) > 0);
        }
        finally
        {
            Assert.Equal(PcStatus.Ok, Destroy(session));
        }
    }

    [Fact]
    public async Task ACancelFromAnotherThreadWakesAWaitOnTheFd()
    {
        await using EmulatorServer server = await StartAsync("delay_ms:20000");
        nint session = Open(server.BaseAddress.ToString());
        try
        {
            int fd = ReadyFd(session, out _);
            Assert.Equal(PcStatus.Ok, Send(session, s_firstRequest));

            // response.created and response.in_progress come first; then the response stalls (20 s).
            int pulled = 0;
            while (pulled < 2)
            {
                int status = NextStatus(session);
                if (status == PcStatus.NoEvent)
                {
                    Assert.Equal(1, Poll(fd, HangGuardMs));
                    continue;
                }

                Assert.Equal(PcStatus.Ok, status);
                pulled++;
            }

            Assert.Equal(PcStatus.NoEvent, NextStatus(session));
            var canceller = new Thread(() => Cancel(session));
            canceller.Start();
            Assert.Equal(1, Poll(fd, HangGuardMs));
            canceller.Join();
            Assert.Equal(PcStatus.Cancelled, NextStatus(session));
            Assert.Equal(PcStatus.TurnDone, NextStatus(session));
        }
        finally
        {
            Assert.Equal(PcStatus.Ok, Destroy(session));
        }
    }

    [Fact]
    public async Task MisuseIsTyped()
    {
        await using EmulatorServer server = await StartAsync();
        nint session = Open(server.BaseAddress.ToString());
        Assert.Equal(PcStatus.InvalidArgument, ReadyFdNull(session));
        Assert.Equal(PcStatus.Ok, Close(session));
        Assert.Equal((-1, PcStatus.InvalidState), (ReadyFd(session, out int status), status));
        Assert.Equal(PcStatus.Ok, Destroy(session));
        Assert.Equal((-1, PcStatus.InvalidHandle), (ReadyFd(session, out status), status));
    }

    /// <summary>Pulls with timeout 0 until <c>PC_TURN_DONE</c>, waiting on the fd whenever a pull has nothing.</summary>
    private static int PullAllThroughTheFd(nint session, int fd, out int waits)
    {
        int events = 0;
        waits = 0;
        while (true)
        {
            int status = NextStatus(session);
            if (status == PcStatus.TurnDone)
            {
                return events;
            }

            if (status == PcStatus.NoEvent)
            {
                waits++;
                Assert.True(Poll(fd, HangGuardMs) == 1, $"no wake-up within {HangGuardMs} ms after {events} events");
                continue;
            }

            Assert.Equal(PcStatus.Ok, status);
            events++;
        }
    }

    private static Task<EmulatorServer> StartAsync(string? faults = null) =>
        EmulatorServer.StartAsync(new EmulatorOptions { CostModel = EmulatorCostModel.Zero, DefaultFaults = faults });

    private static unsafe int Poll(int fd, int timeoutMs)
    {
        var entry = new PollEntry { Fd = fd, Events = PollIn };
        int ready = PollNative(&entry, 1, timeoutMs);
        Assert.True(ready >= 0, $"poll failed: {Marshal.GetLastPInvokeError()}");
        return ready;
    }

    private static unsafe nint Open(string url)
    {
        delegate* unmanaged[Cdecl]<byte*, nuint, byte*, nuint, byte*, nuint, nint*, int> open = &NativeExports.SessionOpen;
        byte[] u = Encoding.UTF8.GetBytes(url);
        byte[] k = Encoding.UTF8.GetBytes("sk-native-ready-fd-test-0123456789abcdef");
        nint session;
        fixed (byte* up = u, kp = k)
        {
            Assert.Equal(PcStatus.Ok, open(up, (nuint)u.Length, kp, (nuint)k.Length, null, 0, &session));
        }

        return session;
    }

    private static unsafe int ReadyFd(nint session, out int status)
    {
        delegate* unmanaged[Cdecl]<nint, int*, int> readyFd = &NativeExports.SessionReadyFd;
        int fd;
        status = readyFd(session, &fd);
        return fd;
    }

    private static unsafe int ReadyFdNull(nint session)
    {
        delegate* unmanaged[Cdecl]<nint, int*, int> readyFd = &NativeExports.SessionReadyFd;
        return readyFd(session, null);
    }

    private static unsafe int Send(nint session, byte[] json)
    {
        delegate* unmanaged[Cdecl]<nint, byte*, nuint, int> send = &NativeExports.SessionSend;
        fixed (byte* p = json)
        {
            return send(session, p, (nuint)json.Length);
        }
    }

    private static unsafe int NextStatus(nint session)
    {
        delegate* unmanaged[Cdecl]<nint, int, PcEvent*, int> next = &NativeExports.SessionNextEvent;
        var e = new PcEvent { Size = (uint)sizeof(PcEvent) };
        return next(session, 0, &e);
    }

    private static unsafe int Cancel(nint session)
    {
        delegate* unmanaged[Cdecl]<nint, int> cancel = &NativeExports.SessionCancel;
        return cancel(session);
    }

    private static unsafe int Close(nint session)
    {
        delegate* unmanaged[Cdecl]<nint, int> close = &NativeExports.SessionClose;
        return close(session);
    }

    private static unsafe int Destroy(nint session)
    {
        delegate* unmanaged[Cdecl]<nint, int> destroy = &NativeExports.SessionDestroy;
        return destroy(session);
    }

    [LibraryImport("libc", EntryPoint = "poll", SetLastError = true)]
    private static unsafe partial int PollNative(PollEntry* entries, nuint count, int timeoutMs);

    /// <summary>struct pollfd.</summary>
    [StructLayout(LayoutKind.Sequential)]
    private struct PollEntry
    {
        public int Fd;
        public short Events;
        public short ReturnedEvents;
    }
}
