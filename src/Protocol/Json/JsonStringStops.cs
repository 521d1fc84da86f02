using System;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace ProtocolCore.Json;

/// <summary>
/// Finds the first byte that ends the fast scan of a JSON string: <c>'"'</c>, <c>'\\'</c> or a control character
/// (below 0x20). Written out instead of <c>SearchValues</c> because the strings are short (names of 4–20 bytes,
/// deltas of a few dozen): the generic searcher's call and setup cost more than the search itself, and this inlines
/// into the scanner.
/// </summary>
internal static class JsonStringStops
{
    /// <summary>The index of the first stop byte in <paramref name="span"/>, or -1 when it has none.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int IndexOfStop(ReadOnlySpan<byte> span)
    {
        ref byte start = ref MemoryMarshal.GetReference(span);
        nuint length = (nuint)(uint)span.Length;

        // Most strings end within the first vector: that check is inlined into the scanner, the loop is not.
        if (Vector256.IsHardwareAccelerated && length >= (nuint)Vector256<byte>.Count)
        {
            uint mask = Stops(Vector256.LoadUnsafe(ref start)).ExtractMostSignificantBits();
            return mask != 0
                ? BitOperations.TrailingZeroCount(mask)
                : IndexOfStopVector256(ref start, length, (nuint)Vector256<byte>.Count);
        }

        // Native AOT targets a baseline x64 without AVX2 unless configured otherwise, so the native library runs this
        // path: SSE2 and AdvSimd both accelerate Vector128.
        if (Vector128.IsHardwareAccelerated && length >= (nuint)Vector128<byte>.Count)
        {
            uint mask = Stops(Vector128.LoadUnsafe(ref start)).ExtractMostSignificantBits();
            return mask != 0
                ? BitOperations.TrailingZeroCount(mask)
                : IndexOfStopVector128(ref start, length, (nuint)Vector128<byte>.Count);
        }

        for (nuint i = 0; i < length; i++)
        {
            if (IsStop(Unsafe.Add(ref start, i)))
            {
                return (int)i;
            }
        }

        return -1;
    }

    /// <summary>The scalar definition of a stop byte (the tests' reference, and the short-input path).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsStop(byte b) => b == (byte)'"' || b == (byte)'\\' || b < 0x20;

    /// <summary>Searches on from <paramref name="offset"/>: a multiple of the vector size, at most the length.</summary>
    internal static int IndexOfStopVector256(ref byte start, nuint length, nuint offset)
    {
        nuint lastStart = length - (nuint)Vector256<byte>.Count;
        while (offset <= lastStart)
        {
            uint mask = Stops(Vector256.LoadUnsafe(ref start, offset)).ExtractMostSignificantBits();
            if (mask != 0)
            {
                return (int)(offset + (uint)BitOperations.TrailingZeroCount(mask));
            }

            offset += (nuint)Vector256<byte>.Count;
        }

        if (offset == length)
        {
            return -1;
        }

        // One overlapping load covers the tail: the bytes it re-reads are known not to be stops.
        uint last = Stops(Vector256.LoadUnsafe(ref start, lastStart)).ExtractMostSignificantBits();
        return last != 0 ? (int)(lastStart + (uint)BitOperations.TrailingZeroCount(last)) : -1;
    }

    /// <summary>Searches on from <paramref name="offset"/>: a multiple of the vector size, at most the length.</summary>
    internal static int IndexOfStopVector128(ref byte start, nuint length, nuint offset)
    {
        nuint lastStart = length - (nuint)Vector128<byte>.Count;
        while (offset <= lastStart)
        {
            uint mask = Stops(Vector128.LoadUnsafe(ref start, offset)).ExtractMostSignificantBits();
            if (mask != 0)
            {
                return (int)(offset + (uint)BitOperations.TrailingZeroCount(mask));
            }

            offset += (nuint)Vector128<byte>.Count;
        }

        if (offset == length)
        {
            return -1;
        }

        uint last = Stops(Vector128.LoadUnsafe(ref start, lastStart)).ExtractMostSignificantBits();
        return last != 0 ? (int)(lastStart + (uint)BitOperations.TrailingZeroCount(last)) : -1;
    }

    // A byte is below 0x20 exactly when its top three bits are clear: an AND and a compare, where an unsigned
    // less-than needs more on SSE2 (it only has signed byte compares).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<byte> Stops(Vector256<byte> v) =>
        Vector256.Equals(v, Vector256.Create((byte)'"'))
        | Vector256.Equals(v, Vector256.Create((byte)'\\'))
        | Vector256.Equals(v & Vector256.Create((byte)0xE0), Vector256<byte>.Zero);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<byte> Stops(Vector128<byte> v) =>
        Vector128.Equals(v, Vector128.Create((byte)'"'))
        | Vector128.Equals(v, Vector128.Create((byte)'\\'))
        | Vector128.Equals(v & Vector128.Create((byte)0xE0), Vector128<byte>.Zero);
}
