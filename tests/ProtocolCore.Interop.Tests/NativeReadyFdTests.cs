using System;
using System.Runtime.InteropServices;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using ProtocolCore.Emulator;
using ProtocolCore.Native;
using ProtocolCore.Native.Exports;

using static ProtocolCore.Interop.Tests.NativeSessionCalls;

namespace ProtocolCore.Interop.Tests;

/// <summary>
/// <c>pc_session_ready_fd</c> through the exports, waited on with poll(2) as an event loop would: the fd is readable
/// whenever a timeout-0 pull has something (every event of chained turns arrives through it, a cancel from another
/// thread wakes a wait), and misuse is typed. A lost wake-up shows as a poll that times out (a 30 s hang guard).
/// </summary>
public partial class NativeReadyFdTests
{
    private const int HangGuardMs = 30_000;
    private const string ApiKey = "sk-native-ready-fd-test-0123456789abcdef";
    private const short PollIn = 1;

    private static readonly byte[] s_firstRequest = Encoding.UTF8.GetBytes(
        """{"type":"response.create","model":"gpt-emulator","input":[{"type":"message","role":"user","content":[{"type":"input_text","text":"Fix it."}]}]}""");

    [Fact]
    public async Task EveryEventOfChainedTurnsIsAnnouncedByTheFd()
    {
        await using EmulatorServer server = await StartEmulatorAsync();
        nint session = Open(server.BaseAddress.ToString(), ApiKey);
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
        await using EmulatorServer server = await StartEmulatorAsync("delay_ms:20000");
        nint session = Open(server.BaseAddress.ToString(), ApiKey);
        try
        {
            int fd = ReadyFd(session, out _);
            Assert.Equal(PcStatus.Ok, Send(session, s_firstRequest));

            // response.created and response.in_progress come first; then the response stalls (20 s).
            int pulled = 0;
            while (pulled < 2)
            {
                int status = NextStatus(session, 0);
                if (status == PcStatus.NoEvent)
                {
                    Assert.Equal(1, Poll(fd, HangGuardMs));
                    continue;
                }

                Assert.Equal(PcStatus.Ok, status);
                pulled++;
            }

            Assert.Equal(PcStatus.NoEvent, NextStatus(session, 0));
            var canceller = new Thread(() => Cancel(session));
            canceller.Start();
            Assert.Equal(1, Poll(fd, HangGuardMs));
            canceller.Join();
            Assert.Equal(PcStatus.Cancelled, NextStatus(session, 0));
            Assert.Equal(PcStatus.TurnDone, NextStatus(session, 0));
        }
        finally
        {
            Assert.Equal(PcStatus.Ok, Destroy(session));
        }
    }

    [Fact]
    public async Task MisuseIsTyped()
    {
        await using EmulatorServer server = await StartEmulatorAsync();
        nint session = Open(server.BaseAddress.ToString(), ApiKey);
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
            int status = NextStatus(session, 0);
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

    private static unsafe int Poll(int fd, int timeoutMs)
    {
        var entry = new PollEntry { Fd = fd, Events = PollIn };
        int ready = PollNative(&entry, 1, timeoutMs);
        Assert.True(ready >= 0, $"poll failed: {Marshal.GetLastPInvokeError()}");
        return ready;
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
