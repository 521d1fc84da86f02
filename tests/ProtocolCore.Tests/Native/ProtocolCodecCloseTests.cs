using System.Buffers.Binary;
using System.Text;
using ProtocolCore.Native;
using ProtocolCore.Tests.WebSockets;
using ProtocolCore.WebSockets;

namespace ProtocolCore.Tests.Native;

/// <summary>A close started by the client: the frame, the events still arriving, and the peer's reply.</summary>
public class ProtocolCodecCloseTests
{
    [Fact]
    public void ClientCloseThenPeerReply()
    {
        using var codec = new ProtocolCodec(CodecOptions.Default);

        (WebSocketOpcode opcode, byte[] payload) = Assert.Single(CodecDriver.ClientFrames(codec.EncodeClose(1000, "done é"u8)));

        Assert.Equal(WebSocketOpcode.Close, opcode);
        Assert.Equal(1000, BinaryPrimitives.ReadUInt16BigEndian(payload));
        Assert.Equal("done é", Encoding.UTF8.GetString(payload, 2, payload.Length - 2));
        Assert.Equal(PcStatus.InvalidState, Assert.Throws<PcException>(() => codec.EncodeCreate("""{"type":"response.create"}"""u8)).Status);
        Assert.Equal(PcStatus.InvalidState, Assert.Throws<PcException>(() => codec.EncodeClose(1000, default)).Status);

        // Events in flight still arrive; the peer's close is the reply and is not answered again.
        codec.Feed(TestFrames.Concat(TestFrames.Text("""{"type":"response.queued","sequence_number":1}"""), TestFrames.Close(1000)));
        var events = new System.Collections.Generic.List<DecodedEvent>();
        Assert.Equal(PcStatus.Closed, CodecDriver.Drain(codec, events));
        Assert.Single(events);
        Assert.Equal(1000, codec.CloseCode);
        Assert.Empty(codec.TakeOutgoing().ToArray());
    }

    [Fact]
    public void ACloseWithoutACodeHasAnEmptyPayload()
    {
        using var codec = new ProtocolCodec(CodecOptions.Default);

        (WebSocketOpcode opcode, byte[] payload) = Assert.Single(CodecDriver.ClientFrames(codec.EncodeClose(0, default)));

        Assert.Equal(WebSocketOpcode.Close, opcode);
        Assert.Empty(payload);
    }

    [Theory]
    [InlineData(1005, "")]
    [InlineData(999, "")]
    [InlineData(5000, "")]
    [InlineData(0, "reason without code")]
    [InlineData(1000, "\xff")]
    public void BadCodesAndReasonsAreInvalidArguments(int code, string reason)
    {
        using var codec = new ProtocolCodec(CodecOptions.Default);
        byte[] bytes = reason == "\xff" ? [0xFF] : Encoding.UTF8.GetBytes(reason);

        Assert.Equal(PcStatus.InvalidArgument, Assert.Throws<PcException>(() => codec.EncodeClose(code, bytes)).Status);
    }

    [Fact]
    public void AReasonLongerThan123BytesIsRefused()
    {
        using var codec = new ProtocolCodec(CodecOptions.Default);

        Assert.Equal(PcStatus.InvalidArgument, Assert.Throws<PcException>(() => codec.EncodeClose(1000, new byte[124])).Status);
        Assert.Single(CodecDriver.ClientFrames(codec.EncodeClose(1000, Encoding.UTF8.GetBytes(new string('a', 123)))));
    }
}
