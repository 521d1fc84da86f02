using System;
using System.Buffers;
using System.Linq;
using System.Text;
using ProtocolCore.WebSockets;

namespace ProtocolCore.Tests.WebSockets;

public class WebSocketFrameReaderTests
{
    private static readonly WebSocketFrameReaderOptions s_server = new() { IsServer = true };
    private static readonly WebSocketFrameReaderOptions s_deflate = new() { PerMessageDeflate = true };

    public static TheoryData<string> Factories => new() { "SingleSegment", "SegmentPerByte" };

    private static ReadOnlySequence<byte> Create(string factory, byte[] bytes) => ReadOnlySequenceFactory.ByName(factory).Create(bytes);

    // RFC 6455 §5.7: a single-frame unmasked text message "Hello".
    [Theory]
    [MemberData(nameof(Factories))]
    public void Rfc6455_UnmaskedText(string factory)
    {
        byte[] bytes = [0x81, 0x05, 0x48, 0x65, 0x6c, 0x6c, 0x6f];
        ReadOnlySequence<byte> input = Create(factory, bytes);

        FrameParseStatus status = WebSocketFrameReader.TryReadFrame(
            input, WebSocketFrameReaderOptions.Client, out WebSocketFrame frame, out SequencePosition consumed, out SequencePosition examined, out _);

        Assert.Equal(FrameParseStatus.Complete, status);
        Assert.True(frame.Header.Fin);
        Assert.Equal(WebSocketOpcode.Text, frame.Header.Opcode);
        Assert.False(frame.Header.Masked);
        Assert.Equal(5, frame.Header.PayloadLength);
        Assert.Equal(2, frame.Header.HeaderLength);
        Assert.Equal("Hello", Encoding.UTF8.GetString(frame.Payload.ToArray()));
        Assert.True(input.Slice(consumed).IsEmpty);
        Assert.Equal(consumed, examined);
    }

    // RFC 6455 §5.7: a single-frame masked text message "Hello" (what a client sends; read as a server).
    [Theory]
    [MemberData(nameof(Factories))]
    public void Rfc6455_MaskedText(string factory)
    {
        byte[] bytes = [0x81, 0x85, 0x37, 0xfa, 0x21, 0x3d, 0x7f, 0x9f, 0x4d, 0x51, 0x58];

        FrameParseStatus status = WebSocketFrameReader.TryReadFrame(
            Create(factory, bytes), s_server, out WebSocketFrame frame, out _, out _, out _);

        Assert.Equal(FrameParseStatus.Complete, status);
        Assert.True(frame.Header.Masked);
        Assert.Equal(6, frame.Header.HeaderLength);
        Assert.Equal(0x3d21fa37u, frame.Header.MaskKey);
        byte[] payload = frame.Payload.ToArray();
        WebSocketMasking.Mask(payload, frame.Header.MaskKey, 0);
        Assert.Equal("Hello", Encoding.UTF8.GetString(payload));
    }

    // RFC 6455 §5.7: the same masked frame must fail a client (servers never mask).
    [Theory]
    [MemberData(nameof(Factories))]
    public void Rfc6455_MaskedText_FailsClient(string factory)
    {
        byte[] bytes = [0x81, 0x85, 0x37, 0xfa, 0x21, 0x3d, 0x7f, 0x9f, 0x4d, 0x51, 0x58];
        AssertError(factory, bytes, WebSocketFrameReaderOptions.Client, WebSocketProtocolError.MaskedFrameFromServer, WebSocketCloseCode.ProtocolError);
    }

    // RFC 6455 §5.7: a fragmented unmasked text message "Hel" + "lo".
    [Theory]
    [MemberData(nameof(Factories))]
    public void Rfc6455_FragmentedText(string factory)
    {
        byte[] bytes = [0x01, 0x03, 0x48, 0x65, 0x6c, 0x80, 0x02, 0x6c, 0x6f];

        var (frames, last, _) = TestFrames.ReadAll(Create(factory, bytes));

        Assert.Equal(FrameParseStatus.Complete, last);
        Assert.Equal(2, frames.Count);
        Assert.False(frames[0].Header.Fin);
        Assert.Equal(WebSocketOpcode.Text, frames[0].Header.Opcode);
        Assert.Equal("Hel", Encoding.UTF8.GetString(frames[0].Payload));
        Assert.True(frames[1].Header.Fin);
        Assert.Equal(WebSocketOpcode.Continuation, frames[1].Header.Opcode);
        Assert.Equal("lo", Encoding.UTF8.GetString(frames[1].Payload));
    }

    // RFC 6455 §5.7: unmasked ping "Hello" and masked pong "Hello".
    [Theory]
    [MemberData(nameof(Factories))]
    public void Rfc6455_PingAndPong(string factory)
    {
        byte[] ping = [0x89, 0x05, 0x48, 0x65, 0x6c, 0x6c, 0x6f];
        byte[] pong = [0x8a, 0x85, 0x37, 0xfa, 0x21, 0x3d, 0x7f, 0x9f, 0x4d, 0x51, 0x58];

        var (pings, _, _) = TestFrames.ReadAll(Create(factory, ping));
        var (pongs, _, _) = TestFrames.ReadAll(Create(factory, pong), s_server);

        Assert.Equal(WebSocketOpcode.Ping, Assert.Single(pings).Header.Opcode);
        Assert.Equal("Hello", Encoding.UTF8.GetString(pings[0].Payload));
        Assert.Equal(WebSocketOpcode.Pong, Assert.Single(pongs).Header.Opcode);
        Assert.True(pongs[0].Header.IsControl);
    }

    // RFC 6455 §5.7: 256 bytes binary in one unmasked frame (16-bit length), and 64 KiB (64-bit length).
    [Theory]
    [MemberData(nameof(Factories))]
    public void Rfc6455_ExtendedLengths(string factory)
    {
        byte[] small = TestFrames.Concat([0x82, 0x7E, 0x01, 0x00], Enumerable.Range(0, 256).Select(i => (byte)i).ToArray());
        byte[] large = TestFrames.Concat([0x82, 0x7F, 0, 0, 0, 0, 0, 1, 0, 0], new byte[65536]);

        var (smallFrames, _, _) = TestFrames.ReadAll(Create(factory, small));
        var (largeFrames, _, _) = TestFrames.ReadAll(Create(factory, large));

        Assert.Equal(256, Assert.Single(smallFrames).Header.PayloadLength);
        Assert.Equal(4, smallFrames[0].Header.HeaderLength);
        Assert.Equal(Enumerable.Range(0, 256).Select(i => (byte)i), smallFrames[0].Payload);
        Assert.Equal(65536, Assert.Single(largeFrames).Header.PayloadLength);
        Assert.Equal(10, largeFrames[0].Header.HeaderLength);
    }

    [Theory]
    [MemberData(nameof(Factories))]
    public void EmptyPayload(string factory)
    {
        var (frames, last, _) = TestFrames.ReadAll(Create(factory, TestFrames.Frame(WebSocketOpcode.Binary, [])));

        Assert.Equal(FrameParseStatus.Complete, last);
        Assert.Empty(Assert.Single(frames).Payload);
    }

    [Theory]
    [MemberData(nameof(Factories))]
    public void EveryPrefixIsIncomplete_ConsumesNothing_ExaminesAll(string factory)
    {
        byte[] frame = TestFrames.Frame(WebSocketOpcode.Text, Encoding.UTF8.GetBytes(new string('x', 300)));
        for (int length = 0; length < frame.Length; length++)
        {
            ReadOnlySequence<byte> input = Create(factory, frame[..length]);

            FrameParseStatus status = WebSocketFrameReader.TryReadFrame(
                input, WebSocketFrameReaderOptions.Client, out WebSocketFrame partial, out SequencePosition consumed, out SequencePosition examined, out _);

            Assert.Equal(FrameParseStatus.Incomplete, status);
            Assert.Equal(0, input.Slice(input.Start, consumed).Length);
            Assert.Equal(length, input.Slice(input.Start, examined).Length);

            // Once the 4-byte header is in, the partial frame reports it with the payload received so far.
            Assert.Equal(length >= 4 ? 4 : 0, partial.Header.HeaderLength);
            Assert.Equal(length >= 4 ? length - 4 : 0, partial.Payload.Length);
        }
    }

    [Theory]
    [MemberData(nameof(Factories))]
    public void ConsumedStopsAtTheEndOfTheFirstFrame(string factory)
    {
        byte[] bytes = TestFrames.Concat(TestFrames.Text("one"), TestFrames.Text("two"));
        ReadOnlySequence<byte> input = Create(factory, bytes);

        WebSocketFrameReader.TryReadFrame(input, WebSocketFrameReaderOptions.Client, out _, out SequencePosition consumed, out SequencePosition examined, out _);

        Assert.Equal(5, input.Slice(input.Start, consumed).Length);
        Assert.Equal(consumed, examined);
    }

    [Theory]
    [MemberData(nameof(Factories))]
    public void ReservedOpcodes_Fail(string factory)
    {
        foreach (byte opcode in new byte[] { 3, 4, 5, 6, 7, 0xB, 0xC, 0xD, 0xE, 0xF })
        {
            AssertError(factory, [(byte)(0x80 | opcode), 0x00], WebSocketFrameReaderOptions.Client, WebSocketProtocolError.UnknownOpcode, WebSocketCloseCode.ProtocolError);
        }
    }

    [Theory]
    [MemberData(nameof(Factories))]
    public void ReservedBits_Fail(string factory)
    {
        // Autobahn 3.1–3.7: RSV values 1–7 (RSV3 is the lowest bit) on data and control frames.
        foreach (WebSocketOpcode opcode in new[] { WebSocketOpcode.Text, WebSocketOpcode.Binary, WebSocketOpcode.Ping, WebSocketOpcode.Close })
        {
            for (int rsv = 1; rsv <= 7; rsv++)
            {
                AssertError(factory, TestFrames.Frame(opcode, [], rsv: (byte)(rsv << 4)), WebSocketFrameReaderOptions.Client, WebSocketProtocolError.ReservedBitsSet, WebSocketCloseCode.ProtocolError);
            }
        }

        // With deflate, RSV2/RSV3 stay reserved.
        AssertError(factory, TestFrames.Frame(WebSocketOpcode.Text, "a"u8, rsv: 0x20), s_deflate, WebSocketProtocolError.ReservedBitsSet, WebSocketCloseCode.ProtocolError);
    }

    [Theory]
    [MemberData(nameof(Factories))]
    public void BadFrameAfterAGoodOne_FailsAfterTheGoodOneWasRead(string factory)
    {
        // Autobahn 3.2 and 4.1.3: the first message is delivered, then the reserved opcode fails the connection.
        byte[] bytes = TestFrames.Concat(TestFrames.Text("ok"), [0x85, 0x01, 0x41], TestFrames.Frame(WebSocketOpcode.Ping, []));

        var (frames, last, error) = TestFrames.ReadAll(Create(factory, bytes));

        Assert.Single(frames);
        Assert.Equal(FrameParseStatus.Error, last);
        Assert.Equal(WebSocketProtocolError.UnknownOpcode, error);
    }

    [Theory]
    [MemberData(nameof(Factories))]
    public void Rsv1_WithDeflate_OnlyOnTheFirstDataFrame(string factory)
    {
        var (frames, last, _) = TestFrames.ReadAll(Create(factory, TestFrames.Frame(WebSocketOpcode.Binary, "a"u8, fin: false, rsv: 0x40)), s_deflate);
        Assert.Equal(FrameParseStatus.Complete, last);
        Assert.True(Assert.Single(frames).Header.Rsv1);

        AssertError(factory, TestFrames.Frame(WebSocketOpcode.Continuation, "a"u8, rsv: 0x40), s_deflate, WebSocketProtocolError.CompressedBitOnNonFirstFrame, WebSocketCloseCode.ProtocolError);
        AssertError(factory, TestFrames.Frame(WebSocketOpcode.Ping, "a"u8, rsv: 0x40), s_deflate, WebSocketProtocolError.CompressedBitOnNonFirstFrame, WebSocketCloseCode.ProtocolError);
    }

    [Theory]
    [MemberData(nameof(Factories))]
    public void ControlFrames_MustBeFinalAndShort(string factory)
    {
        AssertError(factory, TestFrames.Frame(WebSocketOpcode.Ping, "a"u8, fin: false), WebSocketFrameReaderOptions.Client, WebSocketProtocolError.FragmentedControlFrame, WebSocketCloseCode.ProtocolError);
        AssertError(factory, TestFrames.Frame(WebSocketOpcode.Close, new byte[126]), WebSocketFrameReaderOptions.Client, WebSocketProtocolError.ControlFrameTooLong, WebSocketCloseCode.ProtocolError);

        var (frames, last, _) = TestFrames.ReadAll(Create(factory, TestFrames.Frame(WebSocketOpcode.Pong, new byte[125])));
        Assert.Equal(FrameParseStatus.Complete, last);
        Assert.Equal(125, Assert.Single(frames).Header.PayloadLength);
    }

    [Theory]
    [MemberData(nameof(Factories))]
    public void Length64_WithMsbSet_Fails(string factory)
    {
        byte[] bytes = [0x82, 0x7F, 0x80, 0, 0, 0, 0, 0, 0, 1];
        AssertError(factory, bytes, WebSocketFrameReaderOptions.Client, WebSocketProtocolError.PayloadLengthMsbSet, WebSocketCloseCode.ProtocolError);
    }

    [Theory]
    [MemberData(nameof(Factories))]
    public void UnmaskedFrame_FailsServer(string factory)
    {
        AssertError(factory, TestFrames.Text("a"), s_server, WebSocketProtocolError.UnmaskedFrameFromClient, WebSocketCloseCode.ProtocolError);
    }

    [Theory]
    [MemberData(nameof(Factories))]
    public void FrameOverTheLimit_FailsBeforeThePayloadArrives(string factory)
    {
        var options = new WebSocketFrameReaderOptions { MaxFramePayloadLength = 1000 };

        // Only the header of a 1001-byte frame: it already fails with 1009.
        AssertError(factory, [0x82, 0x7E, 0x03, 0xE9], options, WebSocketProtocolError.FrameTooLarge, WebSocketCloseCode.MessageTooBig);

        // A huge announced length fails too, with no payload at all.
        AssertError(factory, [0x82, 0x7F, 0, 0, 0x10, 0, 0, 0, 0, 0], WebSocketFrameReaderOptions.Client, WebSocketProtocolError.FrameTooLarge, WebSocketCloseCode.MessageTooBig);

        var (frames, last, _) = TestFrames.ReadAll(Create(factory, TestFrames.Frame(WebSocketOpcode.Binary, new byte[1000])), options);
        Assert.Equal(FrameParseStatus.Complete, last);
        Assert.Single(frames);
    }

    [Theory]
    [MemberData(nameof(Factories))]
    public void ErrorsAreFoundFromTheFirstTwoBytes(string factory)
    {
        // A reserved opcode fails before the rest of the header has arrived.
        AssertError(factory, [0x83, 0x7F], WebSocketFrameReaderOptions.Client, WebSocketProtocolError.UnknownOpcode, WebSocketCloseCode.ProtocolError);
    }

    [Fact]
    public void ErrorsMapToFixedReasonsThatFitACloseFrame()
    {
        foreach (WebSocketProtocolError error in Enum.GetValues<WebSocketProtocolError>().Where(e => e != WebSocketProtocolError.None))
        {
            var exception = new WebSocketProtocolException(error);
            Assert.Equal(error, exception.Error);
            Assert.Equal(WebSocketProtocolErrors.GetCloseStatus(error), exception.CloseStatus);
            Assert.True(Encoding.UTF8.GetByteCount(exception.Reason) <= WebSocketFrameWriter.MaxCloseReasonLength);
        }
    }

    private static void AssertError(
        string factory,
        byte[] bytes,
        WebSocketFrameReaderOptions options,
        WebSocketProtocolError expected,
        WebSocketCloseCode expectedStatus)
    {
        FrameParseStatus status = WebSocketFrameReader.TryReadFrame(
            Create(factory, bytes), options, out _, out _, out _, out WebSocketProtocolError error);

        Assert.Equal(FrameParseStatus.Error, status);
        Assert.Equal(expected, error);
        Assert.Equal(expectedStatus, WebSocketProtocolErrors.GetCloseStatus(error));
    }
}
