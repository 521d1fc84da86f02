using System;
using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace ProtocolCore.WebSockets;

/// <summary>RFC 6455 §5.3 masking: XOR of the payload with a repeating 4-byte key. Masking and unmasking are the same operation.</summary>
internal static class WebSocketMasking
{
    /// <summary>
    /// XORs <paramref name="data"/> in place with <paramref name="key"/>, starting at key byte
    /// <paramref name="phase"/> (0–3): byte <c>i</c> of <paramref name="data"/> is XORed with key byte
    /// <c>(i + phase) % 4</c>. A payload masked in pieces passes <c>(phase + piece.Length) % 4</c> on to the next piece.
    /// </summary>
    /// <param name="data">The bytes to mask or unmask.</param>
    /// <param name="key">The key as <see cref="WebSocketFrameHeader.MaskKey"/> holds it: wire byte <c>j</c> is bits <c>8*j</c>..<c>8*j+7</c>.</param>
    /// <param name="phase">Which key byte applies to <c>data[0]</c>; only the low two bits are used.</param>
    /// <returns>The phase for the byte after <paramref name="data"/>.</returns>
    public static int Mask(Span<byte> data, uint key, int phase)
    {
        phase &= 3;
        if (data.IsEmpty)
        {
            return phase;
        }

        // Rotate so that byte 0 of the rotated key is the key byte for data[0]; every vector and word below starts at
        // a multiple of 4 from data[0], so the rotated key lines up with each of them.
        uint rotated = BitOperations.RotateRight(key, phase * 8);
        uint word = BitConverter.IsLittleEndian ? rotated : BinaryPrimitives.ReverseEndianness(rotated);

        ref byte start = ref MemoryMarshal.GetReference(data);
        nuint length = (uint)data.Length;
        nuint i = 0;

        if (Vector256.IsHardwareAccelerated && length >= (uint)Vector256<byte>.Count)
        {
            Vector256<byte> mask = Vector256.Create(word).AsByte();
            nuint last = length - (uint)Vector256<byte>.Count;
            for (; i <= last; i += (uint)Vector256<byte>.Count)
            {
                (Vector256.LoadUnsafe(ref start, i) ^ mask).StoreUnsafe(ref start, i);
            }
        }

        if (Vector128.IsHardwareAccelerated && length - i >= (uint)Vector128<byte>.Count)
        {
            Vector128<byte> mask = Vector128.Create(word).AsByte();
            nuint last = length - (uint)Vector128<byte>.Count;
            for (; i <= last; i += (uint)Vector128<byte>.Count)
            {
                (Vector128.LoadUnsafe(ref start, i) ^ mask).StoreUnsafe(ref start, i);
            }
        }

        for (; length - i >= sizeof(uint); i += sizeof(uint))
        {
            ref byte at = ref Unsafe.Add(ref start, i);
            Unsafe.WriteUnaligned(ref at, Unsafe.ReadUnaligned<uint>(ref at) ^ word);
        }

        // i is a multiple of 4 here, so the tail starts again at rotated key byte 0.
        for (int shift = 0; i < length; i++, shift += 8)
        {
            Unsafe.Add(ref start, i) ^= (byte)(rotated >> shift);
        }

        return (int)((phase + (uint)data.Length) & 3);
    }
}
