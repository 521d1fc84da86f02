using System;
using System.Buffers;
using System.Threading;

namespace ProtocolCore.WebSockets;

/// <summary>
/// A <see cref="MemoryPool{T}"/> over an <see cref="ArrayPool{T}"/>, so a pipe rents from the same pool as the rest of
/// a connection (a test's counting pool). Without one the pipe uses <see cref="ArrayPool{T}.Shared"/> directly.
/// </summary>
internal sealed class ArrayPoolMemoryPool(ArrayPool<byte> pool) : MemoryPool<byte>
{
    public override int MaxBufferSize => Array.MaxLength;

    public override IMemoryOwner<byte> Rent(int minBufferSize = -1) =>
        new Lease(pool, pool.Rent(minBufferSize < 0 ? 4096 : minBufferSize));

    protected override void Dispose(bool disposing)
    {
    }

    /// <summary>One rented array; disposing it returns the array, once.</summary>
    private sealed class Lease(ArrayPool<byte> pool, byte[] array) : IMemoryOwner<byte>
    {
        private byte[]? _array = array;

        public Memory<byte> Memory => _array ?? throw new ObjectDisposedException(nameof(Lease));

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _array, null) is { } rented)
            {
                pool.Return(rented);
            }
        }
    }
}
