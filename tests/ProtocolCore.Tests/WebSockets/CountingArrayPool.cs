using System;
using System.Buffers;
using System.Threading;

namespace ProtocolCore.Tests.WebSockets;

/// <summary>An <see cref="ArrayPool{T}"/> that counts what is rented and not yet returned, so a test can see what is held.</summary>
internal sealed class CountingArrayPool : ArrayPool<byte>
{
    private int _outstanding;
    private int _rents;

    /// <summary>Arrays rented and not returned.</summary>
    public int Outstanding => Volatile.Read(ref _outstanding);

    /// <summary>Arrays rented so far.</summary>
    public int Rents => Volatile.Read(ref _rents);

    public override byte[] Rent(int minimumLength)
    {
        Interlocked.Increment(ref _rents);
        Interlocked.Increment(ref _outstanding);
        return new byte[minimumLength];
    }

    public override void Return(byte[] array, bool clearArray = false)
    {
        ArgumentNullException.ThrowIfNull(array);
        Interlocked.Decrement(ref _outstanding);
    }
}
