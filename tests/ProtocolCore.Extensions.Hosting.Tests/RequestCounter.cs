using System.Threading;

namespace ProtocolCore.Extensions.Hosting.Tests;

/// <summary>A thread-safe request count.</summary>
internal sealed class RequestCounter
{
    private int _count;

    public int Count => Volatile.Read(ref _count);

    public void Increment() => Interlocked.Increment(ref _count);
}
