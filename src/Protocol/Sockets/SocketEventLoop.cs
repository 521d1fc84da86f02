using System;
using System.Collections.Generic;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
using System.Runtime.InteropServices;
using System.Threading;

namespace ProtocolCore.Sockets;

/// <summary>
/// One thread waiting in <c>epoll_wait</c> for the sockets registered with it, edge-triggered, and completing their
/// pending reads and writes on that thread, so the code awaiting them runs there too: no thread-pool work item, no
/// second thread woken, and every socket that became ready in one wait is served by one system call. The loops are
/// process-wide and live as long as the process, one per processor the process may use (at most
/// <see cref="MaxLoops"/>); a socket stays on the loop it was registered with.
/// </summary>
internal sealed unsafe class SocketEventLoop
{
    public const int MaxLoops = 16;

    private const int MaxEventsPerWait = 256;

    private static readonly Lazy<SocketEventLoop[]> s_loops = new(CreateLoops);
    private static int s_next;

    private readonly int _epoll;
    private readonly object _gate = new();
    private readonly Stack<int> _freeSlots = new();
    private EventLoopSocketStream?[] _sockets = new EventLoopSocketStream?[64];
    private int _used;
    private uint _generation;

    private SocketEventLoop(int index)
    {
        _epoll = EpollInterop.EpollCreate(EpollInterop.EPOLL_CLOEXEC);
        if (_epoll < 0)
        {
            throw new SocketException(Marshal.GetLastPInvokeError());
        }

        var thread = new Thread(Run) { IsBackground = true, Name = $"ProtocolCore event loop {index}" };
        thread.UnsafeStart();
    }

    /// <summary>True where the loop can run: Linux on x86-64 or Arm64.</summary>
    public static bool IsSupported =>
        OperatingSystem.IsLinux() && RuntimeInformation.ProcessArchitecture is Architecture.X64 or Architecture.Arm64;

    /// <summary>The loop for a new socket: round robin over the process's loops.</summary>
    public static SocketEventLoop Next()
    {
        SocketEventLoop[] loops = s_loops.Value;
        return loops[(int)((uint)Interlocked.Increment(ref s_next) % (uint)loops.Length)];
    }

    /// <summary>Adds the socket, edge-triggered for both directions; its <see cref="EventLoopSocketStream.Token"/> is what its events carry.</summary>
    public void Register(EventLoopSocketStream socket, int fd)
    {
        ulong token;
        lock (_gate)
        {
            if (!_freeSlots.TryPop(out int slot))
            {
                slot = _used++;
                if (slot == _sockets.Length)
                {
                    // The loop may still read the old array: it holds the same sockets, so either is right.
                    EventLoopSocketStream?[] grown = new EventLoopSocketStream?[_sockets.Length * 2];
                    _sockets.AsSpan().CopyTo(grown);
                    Volatile.Write(ref _sockets, grown);
                }
            }

            token = ((ulong)++_generation << 32) | (uint)slot;
            socket.Token = token;
            Volatile.Write(ref _sockets[slot], socket);
        }

        const uint Events = EpollInterop.EPOLLIN | EpollInterop.EPOLLOUT | EpollInterop.EPOLLRDHUP | EpollInterop.EPOLLET;
        if (EpollInterop.Control(_epoll, EpollInterop.EPOLL_CTL_ADD, fd, Events, token) != 0)
        {
            int error = Marshal.GetLastPInvokeError();
            Release(token);
            throw new SocketException(error);
        }
    }

    /// <summary>Removes the socket (before its descriptor is closed). An event already taken for it finds its slot empty or reused.</summary>
    public void Unregister(ulong token, int fd)
    {
        // Fails only if the descriptor is already gone, which removed it from the epoll set anyway.
        _ = EpollInterop.Control(_epoll, EpollInterop.EPOLL_CTL_DEL, fd, 0, 0);
        Release(token);
    }

    private static SocketEventLoop[] CreateLoops()
    {
        var loops = new SocketEventLoop[Math.Clamp(Environment.ProcessorCount, 1, MaxLoops)];
        for (int i = 0; i < loops.Length; i++)
        {
            loops[i] = new SocketEventLoop(i);
        }

        return loops;
    }

    private void Release(ulong token)
    {
        int slot = (int)(uint)token;
        lock (_gate)
        {
            if (_sockets[slot]?.Token == token)
            {
                Volatile.Write(ref _sockets[slot], null);
                _freeSlots.Push(slot);
            }
        }
    }

    private void Run()
    {
        int eventSize = EpollInterop.EventSize;
        int dataOffset = EpollInterop.DataOffset;
        byte* events = (byte*)NativeMemory.Alloc((nuint)(MaxEventsPerWait * eventSize));
        while (true)
        {
            int count = EpollInterop.EpollWait(_epoll, events, MaxEventsPerWait, -1);
            if (count < 0)
            {
                int error = Marshal.GetLastPInvokeError();
                if (error == EpollInterop.EINTR)
                {
                    continue;
                }

                // The epoll descriptor itself is broken: nothing registered here can make progress any more.
                Environment.FailFast($"ProtocolCore event loop: epoll_wait failed with errno {error}.");
            }

            EventLoopSocketStream?[] sockets = Volatile.Read(ref _sockets);
            for (int i = 0; i < count; i++)
            {
                byte* entry = events + (i * eventSize);
                uint ready = Unsafe.ReadUnaligned<uint>(entry);
                ulong token = Unsafe.ReadUnaligned<ulong>(entry + dataOffset);
                int slot = (int)(uint)token;
                EventLoopSocketStream? socket = (uint)slot < (uint)sockets.Length ? Volatile.Read(ref sockets[slot]) : null;
                if (socket is null || socket.Token != token)
                {
                    continue;
                }

                try
                {
                    socket.OnReady(ready);
                }
                catch (Exception e)
                {
                    // Code awaiting a socket threw out of its continuation: fail the way a thread-pool work item
                    // would (the process's unhandled-exception path), and keep serving the other sockets.
                    ThreadPool.UnsafeQueueUserWorkItem(static e => ExceptionDispatchInfo.Throw(e), e, preferLocal: false);
                }
            }
        }
    }
}
