using System;
using System.Buffers;
using System.Collections.Generic;

namespace ProtocolCore.Tests;

/// <summary>
/// Builds <see cref="ReadOnlySequence{T}"/>s of the same bytes cut in different ways, so every parser test runs on one
/// segment, one byte per segment, and arbitrary splits (Kestrel's and Pipelines' test factories).
/// </summary>
public abstract class ReadOnlySequenceFactory
{
    public static ReadOnlySequenceFactory SingleSegment { get; } = new SingleSegmentFactory();

    public static ReadOnlySequenceFactory SegmentPerByte { get; } = new SegmentPerByteFactory();

    /// <summary>Both standard factories, for <c>[MemberData]</c>.</summary>
    public static IEnumerable<object[]> Standard => new[]
    {
        new object[] { "SingleSegment" },
        new object[] { "SegmentPerByte" },
    };

    public static ReadOnlySequenceFactory ByName(string name) => name switch
    {
        "SingleSegment" => SingleSegment,
        "SegmentPerByte" => SegmentPerByte,
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, null),
    };

    public abstract ReadOnlySequence<byte> Create(ReadOnlySpan<byte> data);

    /// <summary>Cuts <paramref name="data"/> at the given offsets (ascending, inside the data).</summary>
    public static ReadOnlySequence<byte> CreateSplit(ReadOnlySpan<byte> data, IReadOnlyList<int> cuts)
    {
        var segments = new List<byte[]>();
        int start = 0;
        foreach (int cut in cuts)
        {
            if (cut > start && cut < data.Length)
            {
                segments.Add(data[start..cut].ToArray());
                start = cut;
            }
        }

        segments.Add(data[start..].ToArray());
        return FromSegments(segments);
    }

    public static ReadOnlySequence<byte> FromSegments(IReadOnlyList<byte[]> segments)
    {
        if (segments.Count == 1)
        {
            return new ReadOnlySequence<byte>(segments[0]);
        }

        var first = new Segment(segments[0], 0);
        Segment last = first;
        for (int i = 1; i < segments.Count; i++)
        {
            last = last.Append(segments[i]);
        }

        return new ReadOnlySequence<byte>(first, 0, last, last.Memory.Length);
    }

    private sealed class SingleSegmentFactory : ReadOnlySequenceFactory
    {
        public override ReadOnlySequence<byte> Create(ReadOnlySpan<byte> data) => new(data.ToArray());
    }

    private sealed class SegmentPerByteFactory : ReadOnlySequenceFactory
    {
        public override ReadOnlySequence<byte> Create(ReadOnlySpan<byte> data)
        {
            if (data.Length == 0)
            {
                return ReadOnlySequence<byte>.Empty;
            }

            var segments = new List<byte[]>(data.Length);
            foreach (byte b in data)
            {
                segments.Add(new[] { b });
            }

            return FromSegments(segments);
        }
    }

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(ReadOnlyMemory<byte> memory, long runningIndex)
        {
            Memory = memory;
            RunningIndex = runningIndex;
        }

        public Segment Append(ReadOnlyMemory<byte> memory)
        {
            var next = new Segment(memory, RunningIndex + Memory.Length);
            Next = next;
            return next;
        }
    }
}
