using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using ProtocolCore.Events;
using ProtocolCore.Tests.Fixtures;

namespace ProtocolCore.Client.Tests;

/// <summary>
/// <see cref="ViewDecoderPool"/>: a turn's reader holds a decoder from an event's decode until its caller asks for the
/// next, then the decoder serves any reader's next event. Turns whose events interleave through the same decoders
/// read every event as the owned decode does, each with its own string cache. Alone (<see cref="AllocationCollection"/>): one
/// test counts what the process-wide pool holds.
/// </summary>
[Collection(nameof(AllocationCollection))]
public sealed class ViewDecoderPoolTests
{
    [Fact]
    public void AReleasedDecoderServesAnotherReadersNextEvent()
    {
        using var first = new TurnViewReader();
        using var second = new TurnViewReader();
        byte[] message = Encoding.UTF8.GetBytes("""{"type":"response.output_text.delta","item_id":"msg_1","output_index":0,"content_index":0,"delta":"Hi","sequence_number":4}""");

        ResponsesEvent view = first.Read(message, out _);
        Assert.True(first.HoldsDecoder);
        first.ReleaseDecoder();
        Assert.False(first.HoldsDecoder);

        // Same thread: the decoder just returned is the next one lent, its instance read into again.
        ResponsesEvent other = second.Read(message, out _);
        Assert.Same(view, other);

        // While the second reader holds it, the first gets another decoder: the second's view stays as it was.
        ResponsesEvent again = first.Read(Encoding.UTF8.GetBytes("""{"type":"response.output_text.delta","item_id":"msg_2","output_index":0,"content_index":0,"delta":"Yo","sequence_number":5}"""), out _);
        Assert.NotSame(other, again);
        Assert.Equal("Hi", ((OutputTextDeltaEvent)other).Delta?.ToString());
        Assert.Equal("msg_1", ((OutputTextDeltaEvent)other).ItemId?.ToString());
        Assert.Equal("Yo", ((OutputTextDeltaEvent)again).Delta?.ToString());
    }

    [Fact]
    public void TurnsInterleavedThroughTheSameDecodersReadEveryEventAsTheOwnedDecode()
    {
        // Two recorded streams, one event of each in turn, each reader releasing its decoder after each event, as two
        // sessions on one event loop thread do.
        string[] names = Directory.GetFiles(FixtureFiles.Directory, "*.jsonl").OrderBy(n => n, StringComparer.Ordinal).Take(40).ToArray();
        for (int i = 0; i + 1 < names.Length; i += 2)
        {
            List<byte[]> a = Lines(names[i]);
            List<byte[]> b = Lines(names[i + 1]);
            using var readerA = new TurnViewReader();
            using var readerB = new TurnViewReader();
            for (int k = 0; k < Math.Max(a.Count, b.Count); k++)
            {
                Check(readerA, a, k);
                Check(readerB, b, k);
            }
        }
    }

    [Fact]
    public void ADecoderReturnedPastEveryPlaceIsDisposedNotKept()
    {
        byte[] message = Encoding.UTF8.GetBytes("""{"type":"response.in_progress","sequence_number":1,"response":{"id":"resp_1","object":"response","status":"in_progress","output":[]}}""");
        var readers = Enumerable.Range(0, ViewDecoderPool.Capacity + 4).Select(_ => new TurnViewReader()).ToList();
        foreach (TurnViewReader reader in readers)
        {
            reader.Read(message, out _);
        }

        foreach (TurnViewReader reader in readers)
        {
            reader.ReleaseDecoder();
        }

        // One on this thread, the capacity on the shared stack; the rest went.
        Assert.Equal(ViewDecoderPool.Capacity, ViewDecoderPool.Count);
        foreach (TurnViewReader reader in readers)
        {
            reader.Dispose();
        }
    }

    [Fact]
    public async Task ConcurrentReadersNeverShareADecoder_AndEachViewKeepsItsOwnValues()
    {
        // Eight threads, each a turn reading its own deltas: a decoder lent to one reader is never lent to another until
        // released (the view instance is the decoder's), and a view read on one thread keeps its values while the others
        // decode theirs.
        var inUse = new HashSet<ResponsesEvent>(ReferenceEqualityComparer.Instance);
        int shared = 0;
        using var start = new Barrier(8);
        Task[] workers = Enumerable.Range(0, 8).Select(worker => Task.Run(() =>
        {
            using var reader = new TurnViewReader();
            string itemId = $"msg_{worker}";
            start.SignalAndWait();
            for (int i = 0; i < 2_000; i++)
            {
                string text = $"w{worker} e{i}";
                var view = (OutputTextDeltaEvent)reader.Read(Encoding.UTF8.GetBytes($$"""{"type":"response.output_text.delta","item_id":"{{itemId}}","output_index":0,"content_index":0,"delta":"{{text}}","sequence_number":{{i}}}"""), out _);
                lock (inUse)
                {
                    if (!inUse.Add(view))
                    {
                        shared++;
                    }
                }

                Thread.SpinWait(50);
                Assert.Equal(text, view.Delta?.ToString());
                Assert.Equal(itemId, view.ItemId?.ToString());
                Assert.Equal(i, view.SequenceNumber);
                lock (inUse)
                {
                    inUse.Remove(view);
                }

                reader.ReleaseDecoder();
            }
        })).ToArray();
        await Task.WhenAll(workers);

        Assert.Equal(0, shared);
        Assert.InRange(ViewDecoderPool.Count, 0, ViewDecoderPool.Capacity);
    }

    private static void Check(TurnViewReader reader, List<byte[]> lines, int index)
    {
        if (index >= lines.Count)
        {
            return;
        }

        ResponsesEvent expected;
        try
        {
            expected = ResponsesEventReader.Parse(lines[index]);
        }
        catch (Json.ProtocolJsonException)
        {
            Assert.Throws<Json.ProtocolJsonException>(() => reader.Read(lines[index], out _));
            reader.ReleaseDecoder();
            return;
        }

        ResponsesEvent view = reader.Read(lines[index], out _);
        Assert.Equal(ResponsesEventJson.ToJsonString(expected), ResponsesEventJson.ToJsonString(view));
        reader.ReleaseDecoder();
    }

    private static List<byte[]> Lines(string path) =>
        File.ReadLines(path).Where(l => l.Length > 0).Select(Encoding.UTF8.GetBytes).ToList();
}
