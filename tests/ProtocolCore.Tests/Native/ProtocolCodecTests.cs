using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using ProtocolCore.Events;
using ProtocolCore.Native;
using ProtocolCore.Tests.Fixtures;
using ProtocolCore.Tests.WebSockets;
using ProtocolCore.WebSockets;

namespace ProtocolCore.Tests.Native;

/// <summary>The managed codec behind <c>pc_codec_*</c>: what the C ABI returns is exactly what this class fills in.</summary>
public class ProtocolCodecTests
{
    private const string Delta =
        """{"type":"response.output_text.delta","sequence_number":7,"item_id":"msg_1","output_index":1,"content_index":0,"delta":"Hi \"there\" \u00e9","logprobs":[]}""";

    [Fact]
    public void DecodesTheMembersOfADeltaEvent()
    {
        using var codec = new ProtocolCodec(CodecOptions.Default);

        DecodedEvent e = Assert.Single(CodecDriver.FeedAll(codec, CodecDriver.Text(Delta)));

        Assert.Equal((int)ResponsesEventKind.OutputTextDelta, e.Kind);
        Assert.Equal("response.output_text.delta", e.Type);
        Assert.Equal(7, e.SequenceNumber);
        Assert.Equal(1, e.OutputIndex);
        Assert.Equal(0, e.ContentIndex);
        Assert.Equal("msg_1", e.ItemId);
        Assert.Equal("Hi \"there\" é", e.Delta);
        Assert.Equal(Delta, e.RawJson);
    }

    [Fact]
    public void AbsentMembersAreMinusOneOrNull()
    {
        using var codec = new ProtocolCodec(CodecOptions.Default);

        DecodedEvent e = Assert.Single(CodecDriver.FeedAll(codec, CodecDriver.Text("""{"type":"response.output_text.delta","delta":""}""")));

        Assert.Equal(-1, e.SequenceNumber);
        Assert.Equal(-1, e.OutputIndex);
        Assert.Equal(-1, e.ContentIndex);
        Assert.Null(e.ItemId);
        Assert.Equal(string.Empty, e.Delta);
    }

    [Fact]
    public void UnknownTypesKeepTheirTypeString()
    {
        using var codec = new ProtocolCodec(CodecOptions.Default);

        DecodedEvent e = Assert.Single(CodecDriver.FeedAll(codec, CodecDriver.Text("""{"type":"response.future\u0021","sequence_number":3}""")));

        Assert.Equal(0, e.Kind);
        Assert.Equal("response.future!", e.Type);
        Assert.Equal(3, e.SequenceNumber);
        Assert.Null(e.Delta);
    }

    [Fact]
    public void EveryChunkingOfTheFixturesGivesTheReferenceDecoding()
    {
        var random = new Random(5);
        foreach (string file in FixtureFiles.All().Where((_, i) => i % 10 == 0))
        {
            byte[][] messages = FixtureFiles.Lines(file).Select(l => l.Json).ToArray();
            byte[] stream = TestFrames.Concat(messages.Select(m => TestFrames.Frame(WebSocketOpcode.Text, m)).ToArray());
            using var codec = new ProtocolCodec(CodecOptions.Default);

            var events = new List<DecodedEvent>();
            for (int offset = 0; offset < stream.Length;)
            {
                int length = Math.Min(random.Next(1, 700), stream.Length - offset);
                Assert.Equal(length, codec.Feed(stream.AsSpan(offset, length)));
                offset += length;
                Assert.Equal(PcStatus.NoEvent, CodecDriver.Drain(codec, events));
            }

            Assert.Equal(messages.Length, events.Count);
            for (int i = 0; i < messages.Length; i++)
            {
                ResponsesEvent expected = ResponsesEventReader.Parse(messages[i]);
                Assert.Equal(expected.Type, events[i].Type);
                Assert.Equal(expected.SequenceNumber ?? -1, events[i].SequenceNumber);
                Assert.Equal(Encoding.UTF8.GetString(messages[i]), events[i].RawJson);
                EventFields.Read(expected, out var itemId, out int? outputIndex, out int? contentIndex, out var delta);
                Assert.Equal(itemId?.ToString(), events[i].ItemId);
                Assert.Equal(delta?.ToString(), events[i].Delta);
                Assert.Equal(outputIndex ?? -1, events[i].OutputIndex);
                Assert.Equal(contentIndex ?? -1, events[i].ContentIndex);
            }
        }
    }

    [Fact]
    public void FragmentedMessagesAreJoinedAndPingsBetweenThemAnswered()
    {
        byte[] json = Encoding.UTF8.GetBytes(Delta);
        byte[] stream = TestFrames.Concat(
            TestFrames.Frame(WebSocketOpcode.Text, json.AsSpan(0, 10), fin: false),
            TestFrames.Frame(WebSocketOpcode.Ping, "p1"u8),
            TestFrames.Frame(WebSocketOpcode.Continuation, json.AsSpan(10, 50), fin: false),
            TestFrames.Frame(WebSocketOpcode.Continuation, json.AsSpan(60), fin: true));
        using var codec = new ProtocolCodec(CodecOptions.Default);

        DecodedEvent e = Assert.Single(CodecDriver.FeedAll(codec, stream));

        Assert.Equal("Hi \"there\" é", e.Delta);
        Assert.Equal(Delta, e.RawJson);
        (WebSocketOpcode opcode, byte[] payload) = Assert.Single(CodecDriver.ClientFrames(codec.TakeOutgoing()));
        Assert.Equal(WebSocketOpcode.Pong, opcode);
        Assert.Equal("p1"u8.ToArray(), payload);
        Assert.Empty(codec.TakeOutgoing().ToArray());
    }

    [Fact]
    public void PeerCloseIsReportedAndEchoed()
    {
        using var codec = new ProtocolCodec(CodecOptions.Default);
        codec.Feed(TestFrames.Concat(CodecDriver.Text(Delta), TestFrames.Close(1001, "bye")));

        Assert.Single(Pull(codec, out int status));

        Assert.Equal(PcStatus.Closed, status);
        Assert.Equal(1001, codec.CloseCode);
        Assert.Equal("bye", Encoding.UTF8.GetString(codec.CloseReason));
        (WebSocketOpcode opcode, byte[] payload) = Assert.Single(CodecDriver.ClientFrames(codec.TakeOutgoing()));
        Assert.Equal(WebSocketOpcode.Close, opcode);
        Assert.Equal(1001, BinaryPrimitives.ReadUInt16BigEndian(payload));
        Assert.Empty(Pull(codec, out status));
        Assert.Equal(PcStatus.Closed, status);
        Assert.Equal(PcStatus.InvalidState, Assert.Throws<PcException>(() => codec.EncodeCreate("""{"type":"response.create"}"""u8)).Status);
    }

    [Fact]
    public void ProtocolErrorsFailTheCodecAndQueueOurClose()
    {
        using var codec = new ProtocolCodec(CodecOptions.Default);
        codec.Feed(TestFrames.Frame(WebSocketOpcode.Text, "{}"u8, maskKey: 0x01020304));

        PcException e = Assert.Throws<PcException>(() => Pull(codec, out _));

        Assert.Equal(PcStatus.Protocol, e.Status);
        Assert.Contains("Masked frame", e.Message, StringComparison.Ordinal);
        (WebSocketOpcode opcode, byte[] payload) = Assert.Single(CodecDriver.ClientFrames(codec.TakeOutgoing()));
        Assert.Equal(WebSocketOpcode.Close, opcode);
        Assert.Equal(1002, BinaryPrimitives.ReadUInt16BigEndian(payload));
        Assert.Equal(PcStatus.Protocol, Assert.Throws<PcException>(() => Pull(codec, out _)).Status);
        Assert.Equal(PcStatus.Protocol, Assert.Throws<PcException>(() => codec.Feed("x"u8)).Status);
    }

    [Fact]
    public void AFrameAboveTheLimitFailsFromItsHeader()
    {
        using var codec = new ProtocolCodec(CodecOptions.Parse("""{"max_frame_size":100}"""u8));
        byte[] frame = TestFrames.Frame(WebSocketOpcode.Text, new byte[1000]);

        Assert.Equal(114, codec.Feed(frame));
        Assert.Equal(PcStatus.Protocol, Assert.Throws<PcException>(() => Pull(codec, out _)).Status);
        Assert.Equal(1009, BinaryPrimitives.ReadUInt16BigEndian(CodecDriver.ClientFrames(codec.TakeOutgoing())[0].Payload));
    }

    [Fact]
    public void FeedTakesOneLargestFrameAtMostAndPullingMakesRoom()
    {
        using var codec = new ProtocolCodec(CodecOptions.Parse("""{"max_frame_size":200}"""u8));
        byte[] stream = TestFrames.Concat(Enumerable.Range(0, 20).Select(_ => CodecDriver.Text(Delta)).ToArray());

        Assert.Equal(214, codec.Feed(stream));
        Assert.Equal(0, codec.Feed(stream.AsSpan(214)));
        Assert.Equal(214, codec.BufferedBytes);
        Assert.Equal(0, codec.FreeSpace);

        // The helper feeds what fits and pulls until the rest fits: all 20 come out.
        using var fresh = new ProtocolCodec(CodecOptions.Parse("""{"max_frame_size":200}"""u8));
        Assert.Equal(20, CodecDriver.FeedAll(fresh, stream).Count);
    }

    [Fact]
    public void AMessageAboveTheMessageLimitFails()
    {
        using var codec = new ProtocolCodec(CodecOptions.Parse("""{"max_message_size":100}"""u8));
        byte[] json = Encoding.UTF8.GetBytes(Delta);
        codec.Feed(TestFrames.Concat(
            TestFrames.Frame(WebSocketOpcode.Text, json.AsSpan(0, 80), fin: false),
            TestFrames.Frame(WebSocketOpcode.Continuation, json.AsSpan(80), fin: true)));

        Assert.Equal(PcStatus.Protocol, Assert.Throws<PcException>(() => Pull(codec, out _)).Status);
    }

    [Fact]
    public void BadJsonSkipsThatMessageOnly()
    {
        using var codec = new ProtocolCodec(CodecOptions.Default);
        codec.Feed(TestFrames.Concat(CodecDriver.Text("""{"type":"response.output_text.delta","delta":}"""), CodecDriver.Text(Delta)));

        PcException e = Assert.Throws<PcException>(() => Pull(codec, out _));

        Assert.Equal(PcStatus.Json, e.Status);
        DecodedEvent next = Assert.Single(Pull(codec, out int status));
        Assert.Equal(PcStatus.NoEvent, status);
        Assert.Equal(7, next.SequenceNumber);
    }

    [Fact]
    public void BinaryMessagesAreSkippedAsUnsupported()
    {
        using var codec = new ProtocolCodec(CodecOptions.Default);
        codec.Feed(TestFrames.Concat(TestFrames.Frame(WebSocketOpcode.Binary, "{}"u8), CodecDriver.Text(Delta)));

        Assert.Equal(PcStatus.Unsupported, Assert.Throws<PcException>(() => Pull(codec, out _)).Status);
        Assert.Single(Pull(codec, out _));
    }

    [Fact]
    public void EncodeCreateSendsTheRequestAsOneMaskedTextFrame()
    {
        using var codec = new ProtocolCodec(CodecOptions.Default);
        byte[] request = Encoding.UTF8.GetBytes("""{"model":"gpt-5","type":"response.create","input":[{"type":"message","text":"é"}],"x":{"type":"other"}}""");

        (WebSocketOpcode opcode, byte[] payload) = Assert.Single(CodecDriver.ClientFrames(codec.EncodeCreate(request)));

        Assert.Equal(WebSocketOpcode.Text, opcode);
        Assert.Equal(request, payload);
    }

    [Theory]
    [InlineData("")]
    [InlineData("[]")]
    [InlineData("{\"type\":\"response.create\"")]
    [InlineData("{\"type\":\"response.create\"} {}")]
    [InlineData("{\"model\":\"m\"}")]
    [InlineData("{\"type\":\"response.cancel\"}")]
    [InlineData("{\"x\":{\"type\":\"response.create\"}}")]
    [InlineData("{\"type\":1}")]
    public void EncodeCreateRejectsOtherJson(string json)
    {
        using var codec = new ProtocolCodec(CodecOptions.Default);

        Assert.Equal(PcStatus.Json, Assert.Throws<PcException>(() => codec.EncodeCreate(Encoding.UTF8.GetBytes(json))).Status);
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("{\"max_frame_size\":0}")]
    [InlineData("{\"max_frame_size\":\"1\"}")]
    [InlineData("{\"max_message_size\":1.5}")]
    [InlineData("{\"max_frame_sise\":10}")]
    [InlineData("{\"max_frame_size\":10")]
    public void BadOptionsAreInvalidArguments(string json)
    {
        Assert.Equal(PcStatus.InvalidArgument, Assert.Throws<PcException>(() => CodecOptions.Parse(Encoding.UTF8.GetBytes(json))).Status);
    }

    [Fact]
    public unsafe void PullingDeltaEventsAllocatesNothing()
    {
        const int PerRound = 1000;
        byte[] frame = CodecDriver.Text(Delta);
        byte[] stream = TestFrames.Concat(Enumerable.Range(0, PerRound).Select(_ => frame).ToArray());
        using var codec = new ProtocolCodec(CodecOptions.Default);
        PcEvent e = default;
        e.Size = (uint)sizeof(PcEvent);

        // Steady state is what counts: tier-up can allocate once while the loop is recompiled, so a round that
        // allocates is retried; a real per-event allocation shows in every round (1,000 × at least 24 bytes).
        var rounds = new List<long>();
        for (int round = 0; round < 8; round++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            int fed = codec.Feed(stream);
            int ok = 0;
            for (int i = 0; i < PerRound; i++)
            {
                // No Assert in the loop: xunit's equality comparers allocate.
                ok += codec.Next(ref e) == PcStatus.Ok ? 1 : 0;
            }

            int last = codec.Next(ref e);
            rounds.Add(GC.GetAllocatedBytesForCurrentThread() - before);
            Assert.Equal(stream.Length, fed);
            Assert.Equal(PerRound, ok);
            Assert.Equal(PcStatus.NoEvent, last);
            if (round >= 2 && rounds[^1] == 0)
            {
                Assert.Equal((int)ResponsesEventKind.OutputTextDelta, e.Kind);
                return;
            }
        }

        Assert.Fail($"Bytes allocated per round of {PerRound} delta events: {string.Join(", ", rounds)}");
    }

    private static List<DecodedEvent> Pull(ProtocolCodec codec, out int status)
    {
        var events = new List<DecodedEvent>();
        status = CodecDriver.Drain(codec, events);
        return events;
    }
}
