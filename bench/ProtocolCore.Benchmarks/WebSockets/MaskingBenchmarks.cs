using System;
using BenchmarkDotNet.Attributes;
using ProtocolCore.WebSockets;

namespace ProtocolCore.Benchmarks.WebSockets;

/// <summary>
/// Masking a payload in place: our vectorised <see cref="WebSocketMasking.Mask"/> vs a scalar byte loop (baseline) vs
/// a plain copy of the same bytes (the memory-bandwidth floor no masking can beat).
/// </summary>
[MemoryDiagnoser]
public class MaskingBenchmarks
{
    private const uint Key = 0x37FA213D;
    private byte[] _data = [];
    private byte[] _copy = [];

    [Params(16, 170, 1024, 16 * 1024, 1024 * 1024)]
    public int Size { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _data = new byte[Size];
        _copy = new byte[Size];
        new Random(42).NextBytes(_data);
    }

    [Benchmark]
    public int ProtocolCore() => WebSocketMasking.Mask(_data, Key, phase: 0);

    [Benchmark(Baseline = true)]
    public int ScalarLoop()
    {
        Span<byte> data = _data;
        Span<byte> key = stackalloc byte[4];
        key[0] = unchecked((byte)Key);
        key[1] = unchecked((byte)(Key >> 8));
        key[2] = unchecked((byte)(Key >> 16));
        key[3] = (byte)(Key >> 24);
        for (int i = 0; i < data.Length; i++)
        {
            data[i] ^= key[i & 3];
        }

        return data.Length & 3;
    }

    [Benchmark]
    public int Memcpy()
    {
        _data.AsSpan().CopyTo(_copy);
        return _copy.Length;
    }
}
