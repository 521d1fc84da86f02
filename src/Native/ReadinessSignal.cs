using System;
using System.Runtime.InteropServices;
using System.Threading;

namespace ProtocolCore.Native;

/// <summary>
/// A Linux eventfd that an event loop (asyncio's <c>add_reader</c>, epoll) waits on instead of a thread blocked in
/// <c>pc_session_next_event</c> (<c>pc_session_ready_fd</c>). Level-triggered and lossless by construction: every
/// producer makes its condition true (an event queued, the turn completed or cancelled, the session closed) before
/// <see cref="Signal"/>, and the consumer calls <see cref="Reset"/> only on its way to reporting "no event", then checks
/// the conditions once more. So a condition that became true after that check signals an fd that was already drained,
/// and one that became true before it is seen by the check: the fd is readable whenever a pull would not say
/// <c>PC_NO_EVENT</c>. It may also be readable when a pull says <c>PC_NO_EVENT</c> (a late write of an event already
/// pulled): a spurious wake-up, never a lost one; that pull drains it again.
/// </summary>
internal sealed partial class ReadinessSignal : IDisposable
{
    private const int EfdNonBlock = 0x800;
    private const int EfdCloexec = 0x80000;

    /// <summary>Serializes the write of a late signaller (a runner that outlived close) with closing the descriptor.</summary>
    private readonly Lock _gate = new();

    private int _fd;

    /// <summary>1 once a producer has written (or is about to write) the eventfd since the last <see cref="Reset"/>: later producers skip the system call.</summary>
    private int _signalled;

    /// <summary>Creates the eventfd readable, so a consumer that waits before its first pull wakes and pulls.</summary>
    public ReadinessSignal()
    {
        _fd = EventFd(1, EfdNonBlock | EfdCloexec);
        if (_fd < 0)
        {
            throw new PcException(PcStatus.Internal, $"eventfd failed (errno {Marshal.GetLastPInvokeError()})");
        }

        _signalled = 1;
    }

    /// <summary>The descriptor, valid until <see cref="Dispose"/>.</summary>
    public int Descriptor => _fd;

    /// <summary>Makes the descriptor readable; call after making the condition it announces true. Any thread.</summary>
    public void Signal()
    {
        // An interlocked exchange, not a plain read first: it is the full fence between the producer's condition and
        // its look at the flag that Reset's exchange pairs with (a store-load pair a plain read would let reorder).
        if (Interlocked.Exchange(ref _signalled, 1) != 0)
        {
            return;
        }

        lock (_gate)
        {
            if (_fd >= 0)
            {
                ulong one = 1;
                unsafe
                {
                    // EAGAIN only at a counter of 2^64 - 2: the fd is readable then anyway.
                    _ = Write(_fd, &one, sizeof(ulong));
                }
            }
        }
    }

    /// <summary>Drains the descriptor; the consumer must check the conditions again afterwards (see the type's remarks).</summary>
    public void Reset()
    {
        // The exchange comes first: a producer that signals after it writes the fd again, after the drain below or
        // not, and the consumer's check after the drain sees that producer's condition either way.
        Interlocked.Exchange(ref _signalled, 0);
        ulong count;
        unsafe
        {
            // The consumer's own thread; the descriptor is closed only by destroy, which must not race with it.
            _ = Read(_fd, &count, sizeof(ulong));
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            if (_fd >= 0)
            {
                _ = Close(_fd);
                _fd = -1;
            }
        }
    }

    [LibraryImport("libc", EntryPoint = "eventfd", SetLastError = true)]
    private static partial int EventFd(uint initialValue, int flags);

    [LibraryImport("libc", EntryPoint = "write")]
    private static unsafe partial nint Write(int fd, void* buffer, nuint count);

    [LibraryImport("libc", EntryPoint = "read")]
    private static unsafe partial nint Read(int fd, void* buffer, nuint count);

    [LibraryImport("libc", EntryPoint = "close")]
    private static partial int Close(int fd);
}
