using System;
using System.Buffers;
using System.Collections.Generic;
using System.Text.Json;

namespace ProtocolCore.Json;

/// <summary>
/// State shared by the generated readers during one decode: the input (so string values can be handed out as views),
/// and a pooled scratch buffer for values that must be unescaped or that straddle segments. In view mode nothing is
/// allocated for strings; in owned mode every value is copied into its own array. Not thread-safe; reuse one per reader.
/// </summary>
public sealed class JsonReadContext : IDisposable
{
    private const int InitialScratchSize = 4096;

    private ReadOnlyMemory<byte> _memory;
    private ReadOnlySequence<byte> _sequence;
    private bool _isSequence;
    private byte[] _scratch = [];
    private int _scratchUsed;

    // Scratch arrays outgrown during one decode: earlier views still point into them, so they go back to the pool only
    // at the next Reset.
    private readonly List<byte[]> _retired = new();

    public JsonReadContext()
    {
    }

    /// <summary>True when every string, raw value and extension member is copied into memory the caller owns.</summary>
    public bool Owned { get; private set; }

    /// <summary>Starts a decode of a contiguous document; views handed out before this call become invalid.</summary>
    public void Reset(ReadOnlyMemory<byte> input, bool owned)
    {
        ReleaseRetired();
        _memory = input;
        _sequence = default;
        _isSequence = false;
        _scratchUsed = 0;
        Owned = owned;
    }

    /// <summary>Starts a decode of a segmented document; views handed out before this call become invalid.</summary>
    public void Reset(in ReadOnlySequence<byte> input, bool owned)
    {
        if (input.IsSingleSegment)
        {
            Reset(input.First, owned);
            return;
        }

        ReleaseRetired();
        _memory = default;
        _sequence = input;
        _isSequence = true;
        _scratchUsed = 0;
        Owned = owned;
    }

    /// <summary>Reads the string token the reader is on as unescaped UTF-8.</summary>
    public Utf8Text ReadText(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new ProtocolJsonException($"Expected a string, found {reader.TokenType}.", reader.TokenStartIndex);
        }

        if (!reader.ValueIsEscaped && !reader.HasValueSequence)
        {
            ReadOnlySpan<byte> value = reader.ValueSpan;
            if (!Owned && !_isSequence)
            {
                // The common case: point straight into the message (+1 skips the opening quote).
                return new Utf8Text(_memory.Slice((int)reader.TokenStartIndex + 1, value.Length));
            }

            Memory<byte> copy = Allocate(value.Length);
            value.CopyTo(copy.Span);
            return new Utf8Text(copy);
        }

        int maxLength = reader.HasValueSequence ? checked((int)reader.ValueSequence.Length) : reader.ValueSpan.Length;
        Memory<byte> destination = Allocate(maxLength);
        int written = reader.CopyString(destination.Span);
        Trim(maxLength - written);
        return new Utf8Text(destination[..written]);
    }

    /// <summary>Reads the value the reader is on (any kind) as raw JSON and leaves the reader on its last token.</summary>
    public RawJson ReadRaw(ref Utf8JsonReader reader)
    {
        long start = reader.TokenStartIndex;
        reader.Skip();
        long end = reader.BytesConsumed;
        return new RawJson(Slice(start, end));
    }

    /// <summary>Adds the member whose name the reader is on to <paramref name="builder"/> and skips its value.</summary>
    public void AddExtensionMember(ref Utf8JsonReader reader, ref JsonExtensionDataBuilder builder)
    {
        long start = reader.TokenStartIndex;
        reader.Read();
        reader.Skip();
        long end = reader.BytesConsumed;
        builder.Append(this, start, end);
    }

    /// <summary>Finishes <paramref name="builder"/>: the unknown members as one object, in scratch or owned memory.</summary>
    public JsonExtensionData CompleteExtension(ref JsonExtensionDataBuilder builder)
    {
        ReadOnlySpan<byte> members = builder.Written;
        if (members.IsEmpty)
        {
            builder.Dispose();
            return default;
        }

        Memory<byte> result = Allocate(members.Length + 2);
        Span<byte> span = result.Span;
        span[0] = (byte)'{';
        members.CopyTo(span[1..]);
        span[^1] = (byte)'}';
        builder.Dispose();
        return new JsonExtensionData(result);
    }

    internal void CopyInput(long start, long end, Span<byte> destination)
    {
        if (_isSequence)
        {
            _sequence.Slice(start, end - start).CopyTo(destination);
        }
        else
        {
            _memory.Span[(int)start..(int)end].CopyTo(destination);
        }
    }

    private ReadOnlyMemory<byte> Slice(long start, long end)
    {
        int length = checked((int)(end - start));
        if (!Owned && !_isSequence)
        {
            return _memory.Slice((int)start, length);
        }

        Memory<byte> copy = Allocate(length);
        CopyInput(start, end, copy.Span);
        return copy;
    }

    private Memory<byte> Allocate(int length)
    {
        if (Owned)
        {
            return new byte[length];
        }

        if (_scratch.Length - _scratchUsed < length)
        {
            if (_scratch.Length > 0)
            {
                _retired.Add(_scratch);
            }

            _scratch = ArrayPool<byte>.Shared.Rent(Math.Max(InitialScratchSize, Math.Max(length, _scratch.Length * 2)));
            _scratchUsed = 0;
        }

        Memory<byte> memory = _scratch.AsMemory(_scratchUsed, length);
        _scratchUsed += length;
        return memory;
    }

    private void Trim(int unused)
    {
        if (!Owned)
        {
            _scratchUsed -= unused;
        }
    }

    private void ReleaseRetired()
    {
        foreach (byte[] array in _retired)
        {
            ArrayPool<byte>.Shared.Return(array);
        }

        _retired.Clear();
    }

    public void Dispose()
    {
        ReleaseRetired();
        if (_scratch.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(_scratch);
            _scratch = [];
        }

        _memory = default;
        _sequence = default;
    }
}
