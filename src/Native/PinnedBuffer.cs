using System;
using System.Buffers;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace ProtocolCore.Native;

/// <summary>
/// A growable byte buffer on the pinned object heap, written as an <see cref="IBufferWriter{T}"/>. Native callers get
/// raw pointers into it, so it must never move: pinned arrays don't, and the GC still frees them once unreachable (no
/// native allocation to leak). Growing replaces the array but keeps the old one alive until <see cref="Reset"/>, so
/// pointers handed out before stay valid until then.
/// </summary>
internal sealed unsafe class PinnedBuffer : IBufferWriter<byte>
{
    private const int MinimumLength = 256;

    private readonly int _maxLength;

    /// <summary>Arrays outgrown since the last <see cref="Reset"/>: pointers handed out into them must stay valid.</summary>
    private readonly List<byte[]> _retired = new();

    private byte[] _array;

    public PinnedBuffer(int initialLength = MinimumLength, int maxLength = int.MaxValue)
    {
        _maxLength = maxLength;
        _array = GC.AllocateUninitializedArray<byte>(Math.Max(Math.Min(initialLength, maxLength), MinimumLength), pinned: true);
    }

    /// <summary>The current array (its identity tells whether a view points into this buffer).</summary>
    public byte[] Array => _array;

    /// <summary>Bytes written so far (the writer's position).</summary>
    public int Length { get; set; }

    public byte* Pointer => (byte*)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(_array));

    public Span<byte> Written => _array.AsSpan(0, Length);

    /// <summary>Makes room for <paramref name="length"/> bytes in all, keeping the first <see cref="Length"/> bytes.</summary>
    public void EnsureCapacity(int length)
    {
        if (length > _array.Length)
        {
            // Doubling keeps growth amortised; it stops at the owner's limit so a full buffer is not twice its bound.
            long doubled = Math.Min(Math.Min((long)_array.Length * 2, _maxLength), System.Array.MaxLength);
            byte[] larger = GC.AllocateUninitializedArray<byte>((int)Math.Max(doubled, length), pinned: true);
            _array.AsSpan(0, Length).CopyTo(larger);
            _retired.Add(_array);
            _array = larger;
        }
    }

    /// <summary>Empties the buffer and lets outgrown arrays go: every pointer handed out before becomes invalid.</summary>
    public void Reset()
    {
        Length = 0;
        _retired.Clear();
    }

    public void Advance(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, _array.Length - Length);
        Length += count;
    }

    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        EnsureCapacity(Length + Math.Max(sizeHint, 1));
        return _array.AsMemory(Length);
    }

    public Span<byte> GetSpan(int sizeHint = 0)
    {
        EnsureCapacity(Length + Math.Max(sizeHint, 1));
        return _array.AsSpan(Length);
    }
}
