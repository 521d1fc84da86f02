using System;
using System.Buffers;
using System.Buffers.Binary;
using System.Text;
using System.Text.Unicode;

namespace ProtocolCore.WebSockets;

/// <summary>
/// Validates UTF-8 that arrives in pieces (fragments, segments, partial frames). A character may be cut between
/// pieces; anything that can never become valid UTF-8 fails in the piece where its first bad byte is, not when the
/// message ends (RFC 6455 §8.1, Autobahn 6.x "fail fast"). Mutable struct: keep it in a field, never copy it by value.
/// </summary>
internal struct Utf8StreamValidator
{
    /// <summary>The 1–3 bytes of a character whose remaining bytes have not arrived yet, first byte lowest.</summary>
    private uint _pending;

    /// <summary>How many bytes <see cref="_pending"/> holds; 0 between characters.</summary>
    private int _pendingCount;

    /// <summary>True when no character is cut at the end of what was validated: the text may end here.</summary>
    public readonly bool IsComplete => _pendingCount == 0;

    public void Reset()
    {
        _pending = 0;
        _pendingCount = 0;
    }

    public bool TryValidate(in ReadOnlySequence<byte> bytes)
    {
        if (bytes.IsSingleSegment)
        {
            return TryValidate(bytes.FirstSpan);
        }

        foreach (ReadOnlyMemory<byte> segment in bytes)
        {
            if (!TryValidate(segment.Span))
            {
                return false;
            }
        }

        return true;
    }

    public bool TryValidate(ReadOnlySpan<byte> chunk)
    {
        if (_pendingCount != 0 && !TryCompletePending(ref chunk))
        {
            return false;
        }

        // Vectorised common case: the chunk is whole characters.
        if (Utf8.IsValid(chunk))
        {
            return true;
        }

        // Either invalid, or valid up to a character cut off at the end of the chunk.
        int tailLength = IncompleteTailLength(chunk);
        if (tailLength == 0 || !Utf8.IsValid(chunk[..^tailLength]))
        {
            return false;
        }

        // The tail must be a prefix of some valid character: E0 80, ED A0 (surrogates) or F4 90 fail right here.
        ReadOnlySpan<byte> tail = chunk[^tailLength..];
        if (Rune.DecodeFromUtf8(tail, out _, out _) != OperationStatus.NeedMoreData)
        {
            return false;
        }

        Span<byte> packed = stackalloc byte[sizeof(uint)];
        packed.Clear();
        tail.CopyTo(packed);
        _pending = BinaryPrimitives.ReadUInt32LittleEndian(packed);
        _pendingCount = tailLength;
        return true;
    }

    /// <summary>Feeds the start of <paramref name="chunk"/> to the pending character and removes what it used.</summary>
    private bool TryCompletePending(ref ReadOnlySpan<byte> chunk)
    {
        Span<byte> character = stackalloc byte[sizeof(uint)];
        BinaryPrimitives.WriteUInt32LittleEndian(character, _pending);
        int take = Math.Min(sizeof(uint) - _pendingCount, chunk.Length);
        chunk[..take].CopyTo(character[_pendingCount..]);

        switch (Rune.DecodeFromUtf8(character[..(_pendingCount + take)], out _, out int consumed))
        {
            case OperationStatus.Done:
                chunk = chunk[(consumed - _pendingCount)..];
                Reset();
                return true;

            case OperationStatus.NeedMoreData:
                // Only possible when the whole chunk was taken and is still a valid prefix.
                _pending = BinaryPrimitives.ReadUInt32LittleEndian(character);
                _pendingCount += take;
                chunk = ReadOnlySpan<byte>.Empty;
                return true;

            default:
                return false;
        }
    }

    /// <summary>The length of a multi-byte character cut off at the end of <paramref name="chunk"/>, or 0.</summary>
    private static int IncompleteTailLength(ReadOnlySpan<byte> chunk)
    {
        int limit = Math.Min(3, chunk.Length);
        for (int i = 1; i <= limit; i++)
        {
            byte b = chunk[^i];
            if ((b & 0xC0) != 0x80)
            {
                int needed = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1;
                return needed > i ? i : 0;
            }
        }

        return 0;
    }
}
