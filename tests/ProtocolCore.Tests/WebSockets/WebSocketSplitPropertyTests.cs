using System;
using System.Buffers;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using CsCheck;
using ProtocolCore.WebSockets;

namespace ProtocolCore.Tests.WebSockets;

/// <summary>
/// Property tests: a stream of valid frames (fragmented messages, control frames between fragments, every length
/// encoding) gives the same frames and messages however it is cut into segments or however it arrives.
/// </summary>
public class WebSocketSplitPropertyTests
{
    /// <summary>One message: text or binary content, cut into 1–4 fragments, with optional pings between them.</summary>
    private static readonly Gen<(bool IsText, string Content, int Fragments, bool Pings)> s_message =
        Gen.Select(Gen.Bool, Gen.String[0, 300], Gen.Int[1, 4], Gen.Bool);

    private static readonly Gen<(bool IsText, string Content, int Fragments, bool Pings)[]> s_stream = s_message.Array[1, 8];

    private static readonly Gen<double[]> s_cuts = Gen.Double[0.0, 1.0].Array[0, 24];

    [Fact]
    public void RandomSplits_ParseLikeOneSegment()
    {
        Gen.Select(s_stream, s_cuts).Sample((stream, cuts) =>
        {
            byte[] bytes = Encode(stream, out _);
            var expected = TestFrames.ReadAll(new ReadOnlySequence<byte>(bytes));
            var actual = TestFrames.ReadAll(ReadOnlySequenceFactory.CreateSplit(bytes, ToOffsets(cuts, bytes.Length)));

            Assert.Equal(FrameParseStatus.Complete, expected.Last);
            Assert.Equal(FrameParseStatus.Complete, actual.Last);
            Assert.Equal(expected.Frames.Count, actual.Frames.Count);
            for (int i = 0; i < expected.Frames.Count; i++)
            {
                Assert.Equal(expected.Frames[i].Header, actual.Frames[i].Header);
                Assert.Equal(expected.Frames[i].Payload, actual.Frames[i].Payload);
            }
        }, iter: 500);
    }

    [Fact]
    public void RandomSplits_AssembleTheSameMessages()
    {
        Gen.Select(s_stream, s_cuts).Sample((stream, cuts) =>
        {
            byte[] bytes = Encode(stream, out List<(WebSocketOpcode, byte[])> expected);

            var single = TestFrames.Assemble(new ReadOnlySequence<byte>(bytes));
            var split = TestFrames.Assemble(ReadOnlySequenceFactory.CreateSplit(bytes, ToOffsets(cuts, bytes.Length)));

            Assert.Equal(WebSocketProtocolError.None, single.Error);
            Assert.Equal(WebSocketProtocolError.None, split.Error);
            AssertSameMessages(expected, DataMessages(single.Messages));
            AssertSameMessages(expected, DataMessages(split.Messages));
        }, iter: 500);
    }

    [Fact]
    public void BytesArrivingInRandomPieces_AssembleTheSameMessages()
    {
        // What a receive loop sees: a growing buffer, checked early while a frame is incomplete, sliced at consumed.
        Gen.Select(s_stream, s_cuts).Sample((stream, cuts) =>
        {
            byte[] bytes = Encode(stream, out List<(WebSocketOpcode, byte[])> expected);
            List<int> arrivals = ToOffsets(cuts, bytes.Length);
            arrivals.Add(bytes.Length);

            using var assembler = new WebSocketMessageAssembler();
            var received = new List<(WebSocketOpcode, byte[])>();
            int consumed = 0;
            foreach (int arrived in arrivals)
            {
                ReadOnlySequence<byte> buffer = ReadOnlySequenceFactory.CreateSplit(
                    bytes.AsSpan(consumed, arrived - consumed), arrivals.Select(a => a - consumed).ToList());
                while (true)
                {
                    FrameParseStatus status = WebSocketFrameReader.TryReadFrame(
                        buffer, WebSocketFrameReaderOptions.Client, out WebSocketFrame frame, out SequencePosition end, out _, out _);
                    if (status == FrameParseStatus.Incomplete)
                    {
                        Assert.Equal(WebSocketProtocolError.None, assembler.CheckPartialFrame(frame));
                        break;
                    }

                    Assert.Equal(FrameParseStatus.Complete, status);
                    MessageAssemblyStatus result = assembler.TryAdd(frame, out WebSocketMessage message, out _);
                    Assert.NotEqual(MessageAssemblyStatus.Error, result);
                    if (result == MessageAssemblyStatus.Message)
                    {
                        received.Add((message.Opcode, message.Payload.ToArray()));
                    }

                    consumed += (int)frame.Header.FrameLength;
                    buffer = buffer.Slice(end);
                }
            }

            Assert.Equal(bytes.Length, consumed);
            AssertSameMessages(expected, received);
        }, iter: 300);
    }

    private static void AssertSameMessages(List<(WebSocketOpcode Opcode, byte[] Payload)> expected, List<(WebSocketOpcode Opcode, byte[] Payload)> actual)
    {
        Assert.Equal(expected.Count, actual.Count);
        for (int i = 0; i < expected.Count; i++)
        {
            Assert.Equal(expected[i].Opcode, actual[i].Opcode);
            Assert.Equal(expected[i].Payload, actual[i].Payload);
        }
    }

    private static List<(WebSocketOpcode, byte[])> DataMessages(List<(WebSocketOpcode Opcode, byte[] Payload, WebSocketCloseCode CloseStatus)> messages) =>
        messages.Where(m => ((byte)m.Opcode & 0x8) == 0).Select(m => (m.Opcode, m.Payload)).ToList();

    private static List<int> ToOffsets(double[] cuts, int length) =>
        cuts.Select(c => (int)(c * length)).Where(c => c > 0 && c < length).Distinct().Order().ToList();

    /// <summary>Encodes the stream; every fragment boundary is a byte offset, so multi-byte characters get cut too.</summary>
    private static byte[] Encode((bool IsText, string Content, int Fragments, bool Pings)[] stream, out List<(WebSocketOpcode, byte[])> messages)
    {
        messages = [];
        var frames = new List<byte[]>();
        foreach ((bool isText, string content, int fragments, bool pings) in stream)
        {
            WebSocketOpcode opcode = isText ? WebSocketOpcode.Text : WebSocketOpcode.Binary;
            byte[] payload = Encoding.UTF8.GetBytes(content);
            if (!isText && payload.Length > 0)
            {
                payload[0] = 0xFF;
            }

            messages.Add((opcode, payload));
            int size = Math.Max(1, (payload.Length + fragments - 1) / fragments);
            int start = 0;
            do
            {
                int length = Math.Min(size, payload.Length - start);
                bool fin = start + length == payload.Length;
                frames.Add(TestFrames.Frame(start == 0 ? opcode : WebSocketOpcode.Continuation, payload.AsSpan(start, length), fin));
                if (pings && !fin)
                {
                    frames.Add(TestFrames.Frame(WebSocketOpcode.Ping, payload.AsSpan(0, Math.Min(payload.Length, 125))));
                }

                start += length;
            }
            while (start < payload.Length);
        }

        return TestFrames.Concat(frames.ToArray());
    }
}
