using System;
using CsCheck;
using ProtocolCore.WebSockets;

namespace ProtocolCore.Tests.WebSockets;

public class WebSocketMaskingTests
{
    [Fact]
    public void EqualsTheScalarReference_ForEveryLengthUpTo1100_AndEveryPhase()
    {
        var random = new Random(6455);
        for (int length = 0; length <= 1100; length++)
        {
            byte[] data = new byte[length];
            random.NextBytes(data);
            uint key = (uint)random.Next() ^ ((uint)random.Next() << 16);
            for (int phase = 0; phase < 4; phase++)
            {
                byte[] expected = ScalarMask(data, key, phase);
                byte[] actual = (byte[])data.Clone();

                int next = WebSocketMasking.Mask(actual, key, phase);

                Assert.Equal(expected, actual);
                Assert.Equal((phase + length) % 4, next);
            }
        }
    }

    [Fact]
    public void EqualsTheScalarReference_AtRandomOffsetsLengthsAndPhases()
    {
        // Unaligned starts exercise the vector loads; phases above 3 must wrap.
        Gen.Select(Gen.Byte.Array[0, 1100], Gen.UInt, Gen.Int[0, 64], Gen.Int[0, 15])
            .Sample((data, key, offset, phase) =>
            {
                offset = Math.Min(offset, data.Length);
                byte[] expected = (byte[])data.Clone();
                ScalarMask(data.AsSpan(offset), key, phase).CopyTo(expected.AsSpan(offset));
                byte[] actual = (byte[])data.Clone();

                WebSocketMasking.Mask(actual.AsSpan(offset), key, phase);

                Assert.Equal(expected, actual);
            }, iter: 2000);
    }

    [Fact]
    public void MaskingInPieces_EqualsMaskingAtOnce()
    {
        Gen.Select(Gen.Byte.Array[0, 600], Gen.UInt, Gen.Int[0, 600].Array[0, 6])
            .Sample((data, key, cuts) =>
            {
                byte[] whole = (byte[])data.Clone();
                WebSocketMasking.Mask(whole, key, 0);

                byte[] pieces = (byte[])data.Clone();
                int phase = 0;
                int start = 0;
                Array.Sort(cuts);
                foreach (int cut in cuts)
                {
                    int end = Math.Min(cut, pieces.Length);
                    if (end > start)
                    {
                        phase = WebSocketMasking.Mask(pieces.AsSpan(start, end - start), key, phase);
                        start = end;
                    }
                }

                WebSocketMasking.Mask(pieces.AsSpan(start), key, phase);
                Assert.Equal(whole, pieces);
            }, iter: 1000);
    }

    [Fact]
    public void MaskingTwice_RestoresThePayload()
    {
        byte[] data = new byte[333];
        new Random(1).NextBytes(data);
        byte[] copy = (byte[])data.Clone();

        WebSocketMasking.Mask(copy, 0xDEADBEEF, 2);
        WebSocketMasking.Mask(copy, 0xDEADBEEF, 2);

        Assert.Equal(data, copy);
    }

    [Fact]
    public void MaskKeySource_CallsTheRngOncePerBufferOfKeys()
    {
        const int keysPerRefill = MaskKeySource.BufferSize / sizeof(uint);
        var source = new MaskKeySource();
        var seen = new System.Collections.Generic.HashSet<uint>();

        for (int i = 0; i < 4 * keysPerRefill; i++)
        {
            seen.Add(source.NextKey());
            Assert.Equal((i / keysPerRefill) + 1, source.RefillCount);
        }

        source.NextKey();
        Assert.Equal(5, source.RefillCount);

        // 256 random 32-bit keys: a collision is possible but vanishingly rare (p ≈ 8e-6); many would mean no randomness.
        Assert.True(seen.Count >= 4 * keysPerRefill - 2);
    }

    /// <summary>The RFC 6455 §5.3 definition, byte by byte.</summary>
    private static byte[] ScalarMask(ReadOnlySpan<byte> data, uint key, int phase)
    {
        byte[] result = data.ToArray();
        for (int i = 0; i < result.Length; i++)
        {
            result[i] ^= (byte)(key >> (8 * ((i + phase) & 3)));
        }

        return result;
    }
}
