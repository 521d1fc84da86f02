using System;
using System.Text;

namespace ProtocolCore.Emulator;

/// <summary>
/// SplitMix64: a tiny generator whose sequence is fixed by this code alone (System.Random's sequence is not a
/// documented contract), so the scripted model and tools produce the same bytes on every runtime.
/// </summary>
internal struct DeterministicRandom
{
    private ulong _state;

    public DeterministicRandom(ulong seed) => _state = seed;

    /// <summary>A generator seeded from a seed and a string (FNV-1a over its UTF-8 bytes).</summary>
    public static DeterministicRandom From(int seed, string salt)
    {
        ulong hash = 14695981039346656037UL ^ (uint)seed;
        foreach (byte b in Encoding.UTF8.GetBytes(salt))
        {
            hash = (hash ^ b) * 1099511628211UL;
        }

        return new DeterministicRandom(hash);
    }

    public ulong NextUInt64()
    {
        ulong z = _state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>A value in [0, <paramref name="maxExclusive"/>).</summary>
    public int Next(int maxExclusive)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(maxExclusive, 0);
        return (int)(NextUInt64() % (ulong)maxExclusive);
    }

    /// <summary>A value in [<paramref name="minInclusive"/>, <paramref name="maxExclusive"/>).</summary>
    public int Next(int minInclusive, int maxExclusive) => minInclusive + Next(maxExclusive - minInclusive);

    public T Pick<T>(T[] values) => values[Next(values.Length)];

    public void NextBytes(Span<byte> destination)
    {
        for (int i = 0; i < destination.Length; i++)
        {
            destination[i] = (byte)NextUInt64();
        }
    }
}
