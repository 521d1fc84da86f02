using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace ProtocolCore.Sockets;

/// <summary>
/// The three Linux epoll calls the event loop needs (libc). <c>struct epoll_event</c> is packed on x86-64 (12 bytes,
/// data at offset 4) and naturally aligned elsewhere (16 bytes, data at offset 8), so callers lay it out by
/// <see cref="EventSize"/> and <see cref="DataOffset"/> instead of through one struct.
/// </summary>
internal static unsafe partial class EpollInterop
{
    public const int EPOLL_CTL_ADD = 1;
    public const int EPOLL_CTL_DEL = 2;

    public const uint EPOLLIN = 0x001;
    public const uint EPOLLOUT = 0x004;
    public const uint EPOLLERR = 0x008;
    public const uint EPOLLHUP = 0x010;
    public const uint EPOLLRDHUP = 0x2000;
    public const uint EPOLLET = 1u << 31;

    public const int EPOLL_CLOEXEC = 0x80000;
    public const int EINTR = 4;

    public static readonly int EventSize = RuntimeInformation.ProcessArchitecture == Architecture.X64 ? 12 : 16;

    public static readonly int DataOffset = RuntimeInformation.ProcessArchitecture == Architecture.X64 ? 4 : 8;

    [LibraryImport("libc", EntryPoint = "epoll_create1", SetLastError = true)]
    public static partial int EpollCreate(int flags);

    [LibraryImport("libc", EntryPoint = "epoll_ctl", SetLastError = true)]
    public static partial int EpollControl(int epoll, int operation, int fd, byte* @event);

    [LibraryImport("libc", EntryPoint = "epoll_wait", SetLastError = true)]
    public static partial int EpollWait(int epoll, byte* events, int maxEvents, int timeoutMilliseconds);

    /// <summary>Adds or removes <paramref name="fd"/>, with <paramref name="events"/> and <paramref name="data"/> laid out for this architecture.</summary>
    public static int Control(int epoll, int operation, int fd, uint events, ulong data)
    {
        byte* buffer = stackalloc byte[16];
        *(uint*)buffer = events;
        Unsafe.WriteUnaligned(buffer + DataOffset, data);
        return EpollControl(epoll, operation, fd, buffer);
    }
}
