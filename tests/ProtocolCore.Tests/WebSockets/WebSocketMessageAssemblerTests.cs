using System;
using System.Buffers;
using System.Linq;
using System.Text;
using ProtocolCore.WebSockets;

namespace ProtocolCore.Tests.WebSockets;

public class WebSocketMessageAssemblerTests
{
    public static TheoryData<string> Factories => new() { "SingleSegment", "SegmentPerByte" };

    private static ReadOnlySequence<byte> Create(string factory, byte[] bytes) => ReadOnlySequenceFactory.ByName(factory).Create(bytes);

    [Theory]
    [MemberData(nameof(Factories))]
    public void Rfc6455_FragmentedText_IsJoined(string factory)
    {
        byte[] bytes = [0x01, 0x03, 0x48, 0x65, 0x6c, 0x80, 0x02, 0x6c, 0x6f];

        var (messages, error) = TestFrames.Assemble(Create(factory, bytes));

        Assert.Equal(WebSocketProtocolError.None, error);
        var message = Assert.Single(messages);
        Assert.Equal(WebSocketOpcode.Text, message.Opcode);
        Assert.Equal("Hello", Encoding.UTF8.GetString(message.Payload));
    }

    [Theory]
    [MemberData(nameof(Factories))]
    public void ControlFramesBetweenFragments_AreSurfacedSeparately(string factory)
    {
        byte[] bytes = TestFrames.Concat(
            TestFrames.Frame(WebSocketOpcode.Binary, [1, 2], fin: false),
            TestFrames.Frame(WebSocketOpcode.Ping, "p"u8),
            TestFrames.Frame(WebSocketOpcode.Continuation, [3], fin: false),
            TestFrames.Frame(WebSocketOpcode.Pong, []),
            TestFrames.Frame(WebSocketOpcode.Continuation, [4, 5]),
            TestFrames.Text("after"));

        var (messages, error) = TestFrames.Assemble(Create(factory, bytes));

        Assert.Equal(WebSocketProtocolError.None, error);
        Assert.Equal(
            [WebSocketOpcode.Ping, WebSocketOpcode.Pong, WebSocketOpcode.Binary, WebSocketOpcode.Text],
            messages.Select(m => m.Opcode).ToArray());
        Assert.Equal([1, 2, 3, 4, 5], messages[2].Payload);
        Assert.Equal("after", Encoding.UTF8.GetString(messages[3].Payload));
    }

    [Theory]
    [MemberData(nameof(Factories))]
    public void UnfragmentedMessage_IsTheFramesOwnSlice(string factory)
    {
        ReadOnlySequence<byte> input = Create(factory, TestFrames.Text("hello"));
        WebSocketFrameReader.TryReadFrame(input, WebSocketFrameReaderOptions.Client, out WebSocketFrame frame, out _, out _, out _);
        using var assembler = new WebSocketMessageAssembler();

        Assert.Equal(MessageAssemblyStatus.Message, assembler.TryAdd(frame, out WebSocketMessage message, out _));

        Assert.Equal(frame.Payload.Start, message.Payload.Start);
        Assert.Equal(frame.Payload.End, message.Payload.End);
    }

    [Theory]
    [MemberData(nameof(Factories))]
    public void MultiByteCharacterSplitBetweenFragments_IsValid(string factory)
    {
        byte[] euro = "€"u8.ToArray(); // E2 82 AC
        byte[] emoji = "😀"u8.ToArray(); // F0 9F 98 80
        byte[] bytes = TestFrames.Concat(
            TestFrames.Frame(WebSocketOpcode.Text, [(byte)'a', euro[0]], fin: false),
            TestFrames.Frame(WebSocketOpcode.Continuation, [euro[1]], fin: false),
            TestFrames.Frame(WebSocketOpcode.Continuation, [euro[2], emoji[0], emoji[1]], fin: false),
            TestFrames.Frame(WebSocketOpcode.Continuation, [], fin: false),
            TestFrames.Frame(WebSocketOpcode.Continuation, [emoji[2], emoji[3]]));

        var (messages, error) = TestFrames.Assemble(Create(factory, bytes));

        Assert.Equal(WebSocketProtocolError.None, error);
        Assert.Equal("a€😀", Encoding.UTF8.GetString(Assert.Single(messages).Payload));
    }

    [Theory]
    [MemberData(nameof(Factories))]
    public void InvalidUtf8_FailsInTheFragmentWhereItAppears(string factory)
    {
        // The message never finishes: the second fragment alone must fail it (Autobahn 6.x fail-fast).
        byte[] bytes = TestFrames.Concat(
            TestFrames.Frame(WebSocketOpcode.Text, "ok"u8, fin: false),
            TestFrames.Frame(WebSocketOpcode.Continuation, [0xCE, 0xBA, 0xE1, 0xBD, 0xB9, 0xCF, 0x83, 0xCE, 0xBC, 0xCE, 0xB5, 0xED, 0xA0, 0x80], fin: false));

        var (messages, error) = TestFrames.Assemble(Create(factory, bytes));

        Assert.Empty(messages);
        Assert.Equal(WebSocketProtocolError.InvalidUtf8, error);
        Assert.Equal(WebSocketCloseCode.InvalidPayloadData, WebSocketProtocolErrors.GetCloseStatus(error));
    }

    [Theory]
    [MemberData(nameof(Factories))]
    public void InvalidPrefixAtTheEndOfAFragment_FailsAtOnce(string factory)
    {
        // E0 80 can never start a valid character, even though it is cut off.
        byte[] bytes = TestFrames.Frame(WebSocketOpcode.Text, [(byte)'a', 0xE0, 0x80], fin: false);

        var (_, error) = TestFrames.Assemble(Create(factory, bytes));

        Assert.Equal(WebSocketProtocolError.InvalidUtf8, error);
    }

    [Theory]
    [MemberData(nameof(Factories))]
    public void InvalidUtf8_InsideOneLargeFrame_FailsBeforeTheFrameEnds(string factory)
    {
        byte[] payload = Encoding.UTF8.GetBytes(new string('x', 1000));
        payload[10] = 0xFF;

        // Only the first 100 payload bytes have arrived.
        byte[] partial = TestFrames.Frame(WebSocketOpcode.Text, payload)[..104];

        var (_, error) = TestFrames.Assemble(Create(factory, partial));

        Assert.Equal(WebSocketProtocolError.InvalidUtf8, error);
    }

    [Theory]
    [MemberData(nameof(Factories))]
    public void PartialValidation_ContinuesWhereItStopped(string factory)
    {
        byte[] payload = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("€a", 100)));
        byte[] frameBytes = TestFrames.Frame(WebSocketOpcode.Text, payload);
        using var assembler = new WebSocketMessageAssembler();

        // Prefixes that cut characters anywhere, then the whole frame.
        foreach (int length in new[] { 5, 6, 7, 50, 51, frameBytes.Length - 1 })
        {
            WebSocketFrameReader.TryReadFrame(Create(factory, frameBytes[..length]), WebSocketFrameReaderOptions.Client, out WebSocketFrame partial, out _, out _, out _);
            Assert.Equal(WebSocketProtocolError.None, assembler.CheckPartialFrame(partial));
        }

        WebSocketFrameReader.TryReadFrame(Create(factory, frameBytes), WebSocketFrameReaderOptions.Client, out WebSocketFrame frame, out _, out _, out _);
        Assert.Equal(MessageAssemblyStatus.Message, assembler.TryAdd(frame, out WebSocketMessage message, out _));
        Assert.Equal(payload, message.Payload.ToArray());
    }

    [Theory]
    [MemberData(nameof(Factories))]
    public void TruncatedCharacterAtTheEndOfTheMessage_Fails(string factory)
    {
        byte[] bytes = TestFrames.Concat(
            TestFrames.Frame(WebSocketOpcode.Text, "a"u8, fin: false),
            TestFrames.Frame(WebSocketOpcode.Continuation, [0xE2, 0x82]));

        Assert.Equal(WebSocketProtocolError.InvalidUtf8, TestFrames.Assemble(Create(factory, bytes)).Error);
        Assert.Equal(WebSocketProtocolError.InvalidUtf8, TestFrames.Assemble(Create(factory, TestFrames.Frame(WebSocketOpcode.Text, [0xE2, 0x82]))).Error);
    }

    [Theory]
    [MemberData(nameof(Factories))]
    public void BinaryMessages_AreNotUtf8Checked(string factory)
    {
        var (messages, error) = TestFrames.Assemble(Create(factory, TestFrames.Frame(WebSocketOpcode.Binary, [0xFF, 0xFE])));

        Assert.Equal(WebSocketProtocolError.None, error);
        Assert.Equal([0xFF, 0xFE], Assert.Single(messages).Payload);
    }

    [Theory]
    [MemberData(nameof(Factories))]
    public void ContinuationWithoutStart_Fails(string factory)
    {
        var (_, error) = TestFrames.Assemble(Create(factory, TestFrames.Frame(WebSocketOpcode.Continuation, "a"u8)));

        Assert.Equal(WebSocketProtocolError.ContinuationWithoutStart, error);
        Assert.Equal(WebSocketCloseCode.ProtocolError, WebSocketProtocolErrors.GetCloseStatus(error));
    }

    [Theory]
    [MemberData(nameof(Factories))]
    public void ContinuationAfterAFinishedMessage_Fails(string factory)
    {
        byte[] bytes = TestFrames.Concat(TestFrames.Text("a"), TestFrames.Frame(WebSocketOpcode.Continuation, "b"u8));

        Assert.Equal(WebSocketProtocolError.ContinuationWithoutStart, TestFrames.Assemble(Create(factory, bytes)).Error);
    }

    [Theory]
    [MemberData(nameof(Factories))]
    public void NewDataFrameInsideAFragmentedMessage_Fails(string factory)
    {
        byte[] bytes = TestFrames.Concat(TestFrames.Text("a", fin: false), TestFrames.Frame(WebSocketOpcode.Binary, "b"u8));

        var (_, error) = TestFrames.Assemble(Create(factory, bytes));

        Assert.Equal(WebSocketProtocolError.DataFrameInsideFragmentedMessage, error);
        Assert.Equal(WebSocketCloseCode.ProtocolError, WebSocketProtocolErrors.GetCloseStatus(error));
    }

    [Theory]
    [MemberData(nameof(Factories))]
    public void MessageOverTheLimit_FailsBeforeCopying(string factory)
    {
        var options = new WebSocketMessageAssemblerOptions { MaxMessageLength = 10 };

        Assert.Equal(WebSocketProtocolError.MessageTooLarge, TestFrames.Assemble(Create(factory, TestFrames.Frame(WebSocketOpcode.Binary, new byte[11])), options).Error);

        byte[] fragmented = TestFrames.Concat(
            TestFrames.Frame(WebSocketOpcode.Binary, new byte[6], fin: false),
            TestFrames.Frame(WebSocketOpcode.Continuation, new byte[5]));
        var (_, error) = TestFrames.Assemble(Create(factory, fragmented), options);
        Assert.Equal(WebSocketProtocolError.MessageTooLarge, error);
        Assert.Equal(WebSocketCloseCode.MessageTooBig, WebSocketProtocolErrors.GetCloseStatus(error));

        byte[] exact = TestFrames.Concat(
            TestFrames.Frame(WebSocketOpcode.Binary, new byte[6], fin: false),
            TestFrames.Frame(WebSocketOpcode.Continuation, new byte[4]));
        Assert.Equal(10, Assert.Single(TestFrames.Assemble(Create(factory, exact), options).Messages).Payload.Length);
    }

    [Theory]
    [MemberData(nameof(Factories))]
    public void LargeFragmentedMessage_GrowsTheBuffer(string factory)
    {
        byte[] payload = Enumerable.Range(0, 20_000).Select(i => (byte)i).ToArray();
        byte[] bytes = TestFrames.Concat(
            TestFrames.Frame(WebSocketOpcode.Binary, payload.AsSpan(0, 3000), fin: false),
            TestFrames.Frame(WebSocketOpcode.Continuation, payload.AsSpan(3000, 9000), fin: false),
            TestFrames.Frame(WebSocketOpcode.Continuation, payload.AsSpan(12000)));

        Assert.Equal(payload, Assert.Single(TestFrames.Assemble(Create(factory, bytes)).Messages).Payload);
    }

    [Theory]
    [MemberData(nameof(Factories))]
    public void CompressedFrameWithoutInflater_Fails(string factory)
    {
        var options = new WebSocketFrameReaderOptions { PerMessageDeflate = true };
        WebSocketFrameReader.TryReadFrame(Create(factory, TestFrames.Frame(WebSocketOpcode.Text, "a"u8, rsv: 0x40)), options, out WebSocketFrame frame, out _, out _, out _);
        using var assembler = new WebSocketMessageAssembler();

        Assert.Equal(MessageAssemblyStatus.Error, assembler.TryAdd(frame, out _, out WebSocketProtocolError error));
        Assert.Equal(WebSocketProtocolError.UnexpectedCompressedFrame, error);
    }

    [Theory]
    [MemberData(nameof(Factories))]
    public void CloseFrames_AreParsed(string factory)
    {
        var (messages, error) = TestFrames.Assemble(Create(factory, TestFrames.Concat(
            TestFrames.Close(1000, "bye ✓"),
            TestFrames.Frame(WebSocketOpcode.Close, []),
            TestFrames.Close(4000))));

        Assert.Equal(WebSocketProtocolError.None, error);
        Assert.Equal(WebSocketCloseCode.NormalClosure, messages[0].CloseStatus);
        Assert.Equal(WebSocketCloseCode.NoStatusReceived, messages[1].CloseStatus);
        Assert.Equal((WebSocketCloseCode)4000, messages[2].CloseStatus);

        WebSocketFrameReader.TryReadFrame(Create(factory, TestFrames.Close(1001, "going")), WebSocketFrameReaderOptions.Client, out WebSocketFrame frame, out _, out _, out _);
        using var assembler = new WebSocketMessageAssembler();
        assembler.TryAdd(frame, out WebSocketMessage close, out _);
        Assert.Equal("going", Encoding.UTF8.GetString(close.CloseReason.ToArray()));
    }

    // Autobahn 7.7.X (valid) and 7.9.X / 7.13.X (invalid) close codes.
    [Theory]
    [InlineData(1000, true)]
    [InlineData(1001, true)]
    [InlineData(1002, true)]
    [InlineData(1003, true)]
    [InlineData(1007, true)]
    [InlineData(1008, true)]
    [InlineData(1009, true)]
    [InlineData(1010, true)]
    [InlineData(1011, true)]
    [InlineData(1012, true)]
    [InlineData(1013, true)]
    [InlineData(1014, true)]
    [InlineData(3000, true)]
    [InlineData(3999, true)]
    [InlineData(4000, true)]
    [InlineData(4999, true)]
    [InlineData(0, false)]
    [InlineData(999, false)]
    [InlineData(1004, false)]
    [InlineData(1005, false)]
    [InlineData(1006, false)]
    [InlineData(1015, false)]
    [InlineData(1016, false)]
    [InlineData(1100, false)]
    [InlineData(2000, false)]
    [InlineData(2999, false)]
    [InlineData(5000, false)]
    [InlineData(65535, false)]
    public void CloseCodes(int code, bool valid)
    {
        foreach (string factory in new[] { "SingleSegment", "SegmentPerByte" })
        {
            var (_, error) = TestFrames.Assemble(Create(factory, TestFrames.Close((ushort)code, "r")));

            Assert.Equal(valid ? WebSocketProtocolError.None : WebSocketProtocolError.InvalidCloseCode, error);
        }
    }

    [Theory]
    [MemberData(nameof(Factories))]
    public void ClosePayloadOfOneByte_Fails(string factory)
    {
        var (_, error) = TestFrames.Assemble(Create(factory, TestFrames.Frame(WebSocketOpcode.Close, [0x03])));

        Assert.Equal(WebSocketProtocolError.ClosePayloadTooShort, error);
        Assert.Equal(WebSocketCloseCode.ProtocolError, WebSocketProtocolErrors.GetCloseStatus(error));
    }

    [Theory]
    [MemberData(nameof(Factories))]
    public void CloseReasonThatIsNotUtf8_Fails(string factory)
    {
        var (_, error) = TestFrames.Assemble(Create(factory, TestFrames.Frame(WebSocketOpcode.Close, [0x03, 0xE8, 0xCE, 0xBA, 0xED, 0xA0, 0x80])));

        Assert.Equal(WebSocketProtocolError.InvalidCloseReason, error);
        Assert.Equal(WebSocketCloseCode.InvalidPayloadData, WebSocketProtocolErrors.GetCloseStatus(error));
    }

    [Theory]
    [MemberData(nameof(Factories))]
    public void MaskedFrame_IsRejected(string factory)
    {
        var server = new WebSocketFrameReaderOptions { IsServer = true };
        WebSocketFrameReader.TryReadFrame(Create(factory, TestFrames.Frame(WebSocketOpcode.Text, "a"u8, maskKey: 0x01020304)), server, out WebSocketFrame frame, out _, out _, out _);
        using var assembler = new WebSocketMessageAssembler();

        Assert.Equal(MessageAssemblyStatus.Error, assembler.TryAdd(frame, out _, out WebSocketProtocolError error));
        Assert.Equal(WebSocketProtocolError.MaskedFrameFromServer, error);
    }
}
