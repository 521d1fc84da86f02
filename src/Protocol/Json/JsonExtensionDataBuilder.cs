using System;
using System.Buffers;
using System.ComponentModel;

namespace ProtocolCore.Json;

/// <summary>
/// Collects the raw <c>"name": value</c> text of unknown members while an object is read (generated code keeps one on
/// the stack per object). Backed by a pooled array; <see cref="JsonReadContext.CompleteExtension"/> returns it.
/// </summary>
/// <remarks>For the code the ProtocolCore generator emits into this assembly; not meant to be called directly, and it may change in any release.</remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public struct JsonExtensionDataBuilder : IDisposable
{
    private byte[]? _buffer;
    private int _length;

    internal readonly ReadOnlySpan<byte> Written => _buffer is null ? default : _buffer.AsSpan(0, _length);

    internal void Append(ReadOnlySpan<byte> member)
    {
        int size = member.Length;
        int needed = _length + size + 1;
        if (_buffer is null || _buffer.Length < needed)
        {
            byte[] larger = ArrayPool<byte>.Shared.Rent(Math.Max(256, needed * 2));
            if (_buffer is not null)
            {
                _buffer.AsSpan(0, _length).CopyTo(larger);
                ArrayPool<byte>.Shared.Return(_buffer);
            }

            _buffer = larger;
        }

        if (_length > 0)
        {
            _buffer[_length++] = (byte)',';
        }

        member.CopyTo(_buffer.AsSpan(_length, size));
        _length += size;
    }

    /// <summary>Returns the pooled buffer, if the builder still has one.</summary>
    public void Dispose()
    {
        if (_buffer is not null)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = null;
            _length = 0;
        }
    }
}
