using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using ProtocolCore.Native;
using ProtocolCore.Tests.WebSockets;
using ProtocolCore.WebSockets;

namespace ProtocolCore.Tests.Native;

/// <summary><c>pc_codec_next_events</c>: every event of a batch stays valid until the next pull, whatever it needed.</summary>
public class ProtocolCodecBatchTests
{
    [Fact]
    public unsafe void AllEventsOfABatchStayValidTogether()
    {
        // Escaped strings (scratch copies) and fragmented messages (message copies) force both buffers to grow mid-batch.
        var expected = new List<string>();
        var frames = new List<byte[]>();
        for (int i = 0; i < 50; i++)
        {
            string delta = new string('x', i * 40) + "\\n\\u00e9" + i;
            string json = $$"""{"type":"response.output_text.delta","sequence_number":{{i}},"item_id":"it\u0065m{{i}}","delta":"{{delta}}"}""";
            expected.Add(new string('x', i * 40) + "\né" + i);
            byte[] bytes = Encoding.UTF8.GetBytes(json);
            frames.Add(i % 3 == 0
                ? TestFrames.Concat(
                    TestFrames.Frame(WebSocketOpcode.Text, bytes.AsSpan(0, 20), fin: false),
                    TestFrames.Frame(WebSocketOpcode.Continuation, bytes.AsSpan(20), fin: true))
                : TestFrames.Frame(WebSocketOpcode.Text, bytes));
        }

        using var codec = new ProtocolCodec(CodecOptions.Default);
        codec.Feed(TestFrames.Concat(frames.ToArray()));
        var events = new PcEvent[64];

        int status = codec.NextBatch(events, out int count);

        Assert.Equal(PcStatus.NoEvent, status);
        Assert.Equal(50, count);
        for (int i = 0; i < 50; i++)
        {
            DecodedEvent e = DecodedEvent.From(events[i]);
            Assert.Equal(i, e.SequenceNumber);
            Assert.Equal($"item{i}", e.ItemId);
            Assert.Equal(expected[i], e.Delta);
        }
    }

    [Fact]
    public void AFullBatchSaysSoAndTheNextOneContinues()
    {
        using var codec = new ProtocolCodec(CodecOptions.Default);
        codec.Feed(TestFrames.Concat(Enumerable.Range(0, 5).Select(i => TestFrames.Text($$"""{"type":"response.queued","sequence_number":{{i}}}""")).ToArray()));
        var events = new PcEvent[3];

        Assert.Equal(PcStatus.Ok, codec.NextBatch(events, out int first));
        Assert.Equal(3, first);
        Assert.Equal(PcStatus.NoEvent, codec.NextBatch(events, out int second));
        Assert.Equal(2, second);
        Assert.Equal(4, events[1].SequenceNumber);
    }

    [Fact]
    public void AnErrorAfterSomeEventsComesWithTheNextPull()
    {
        using var codec = new ProtocolCodec(CodecOptions.Default);
        codec.Feed(TestFrames.Concat(
            TestFrames.Text("""{"type":"response.queued","sequence_number":1}"""),
            TestFrames.Text("""{"type":"response.queued","sequence_number":}"""),
            TestFrames.Text("""{"type":"response.queued","sequence_number":3}""")));
        var events = new PcEvent[8];

        Assert.Equal(PcStatus.Ok, codec.NextBatch(events, out int count));
        Assert.Equal(1, count);
        Assert.Equal(1, events[0].SequenceNumber);
        Assert.Equal(PcStatus.Json, Assert.Throws<PcException>(() => codec.NextBatch(events, out _)).Status);
        Assert.Equal(PcStatus.NoEvent, codec.NextBatch(events, out count));
        Assert.Equal(1, count);
        Assert.Equal(3, events[0].SequenceNumber);
    }

    [Fact]
    public unsafe void ALargerStrideFromALaterMinorIsHonoured()
    {
        const int Stride = 128;
        using var codec = new ProtocolCodec(CodecOptions.Default);
        codec.Feed(TestFrames.Concat(
            TestFrames.Text("""{"type":"response.queued","sequence_number":1}"""),
            TestFrames.Text("""{"type":"response.queued","sequence_number":2}""")));
        byte* memory = stackalloc byte[Stride * 2];
        new Span<byte>(memory, Stride * 2).Fill(0xAB);

        Assert.Equal(PcStatus.Ok, codec.NextBatch((PcEvent*)memory, 2, Stride, out int count));

        Assert.Equal(2, count);
        Assert.Equal(2, ((PcEvent*)(memory + Stride))->SequenceNumber);
        Assert.Equal(0xAB, memory[sizeof(PcEvent)]);
    }
}
