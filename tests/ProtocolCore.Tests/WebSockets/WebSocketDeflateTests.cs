using System;
using System.Buffers;
using System.IO;
using System.IO.Compression;
using System.Text;
using ProtocolCore.WebSockets;

namespace ProtocolCore.Tests.WebSockets;

/// <summary>permessage-deflate: parameter negotiation, the inflater behind the assembler, the deflater, limits.</summary>
public class WebSocketDeflateTests
{
    [Theory]
    [InlineData("permessage-deflate", false, false, 15, 15)]
    [InlineData("permessage-deflate; client_max_window_bits=15", false, false, 15, 15)]
    [InlineData("permessage-deflate; client_max_window_bits", false, false, 15, 15)]
    [InlineData("Permessage-Deflate; server_no_context_takeover; client_no_context_takeover", true, true, 15, 15)]
    [InlineData("permessage-deflate; server_max_window_bits=10; client_max_window_bits=9", false, false, 10, 9)]
    [InlineData("permessage-deflate;server_max_window_bits=\"12\"", false, false, 12, 15)]
    public void AcceptedParameters_AreParsed(string header, bool serverNoContext, bool clientNoContext, int serverBits, int clientBits)
    {
        Assert.True(WebSocketDeflateParameters.TryParseResponse(header, out WebSocketDeflateParameters? options));
        Assert.Equal(serverNoContext, options!.ServerNoContextTakeover);
        Assert.Equal(clientNoContext, options.ClientNoContextTakeover);
        Assert.Equal(serverBits, options.ServerMaxWindowBits);
        Assert.Equal(clientBits, options.ClientMaxWindowBits);
        Assert.Equal(clientBits == 15, options.CanCompressOutgoing);
    }

    [Theory]
    [InlineData("x-webkit-deflate-frame")]
    [InlineData("permessage-deflate, permessage-deflate")]
    [InlineData("permessage-deflate; server_max_window_bits=7")]
    [InlineData("permessage-deflate; server_max_window_bits=16")]
    [InlineData("permessage-deflate; server_max_window_bits")]
    [InlineData("permessage-deflate; server_no_context_takeover; server_no_context_takeover")]
    [InlineData("permessage-deflate; server_no_context_takeover=1")]
    [InlineData("permessage-deflate; unknown_param")]
    [InlineData("permessage-deflate; client_max_window_bits=+9")]
    public void InvalidParameters_AreRejected(string header) =>
        Assert.False(WebSocketDeflateParameters.TryParseResponse(header, out _));

    [Theory]
    [MemberData(nameof(ReadOnlySequenceFactory.Standard), MemberType = typeof(ReadOnlySequenceFactory))]
    public void CompressedMessages_WithContextTakeover_AreInflated(string factory)
    {
        using var deflater = new WebSocketDeflater(noContextTakeover: false);
        using var inflater = new WebSocketInflater();
        using var assembler = new WebSocketMessageAssembler(WebSocketMessageAssemblerOptions.Default, inflater);
        string text = "{\"type\":\"response.output_text.delta\",\"delta\":\"über\"}";
        for (int i = 0; i < 5; i++)
        {
            byte[] compressed = deflater.Compress(Encoding.UTF8.GetBytes(text)).ToArray();
            byte[] frame = TestFrames.Frame(WebSocketOpcode.Text, compressed, rsv: 0x40);
            Assert.Equal(text, Encoding.UTF8.GetString(AssembleOne(assembler, frame, factory)));
        }
    }

    [Fact]
    public void CompressedMessage_InFragments_IsInflated()
    {
        using var inflater = new WebSocketInflater();
        using var assembler = new WebSocketMessageAssembler(WebSocketMessageAssemblerOptions.Default, inflater);
        byte[] text = Encoding.UTF8.GetBytes(new string('x', 10_000) + "ü" + new string('y', 10_000));
        byte[] compressed = RawDeflate(text);
        byte[] frames = TestFrames.Concat(
            TestFrames.Frame(WebSocketOpcode.Text, compressed.AsSpan(0, 5), fin: false, rsv: 0x40),
            TestFrames.Frame(WebSocketOpcode.Ping, "p"u8),
            TestFrames.Frame(WebSocketOpcode.Continuation, compressed.AsSpan(5, 3), fin: false),
            TestFrames.Frame(WebSocketOpcode.Continuation, compressed.AsSpan(8)));

        Assert.Equal(text, AssembleOne(assembler, frames, "SegmentPerByte"));
    }

    [Fact]
    public void ZipBomb_FailsWithMessageTooLarge_BeforeInflatingItAll()
    {
        using var inflater = new WebSocketInflater();
        using var assembler = new WebSocketMessageAssembler(new WebSocketMessageAssemblerOptions { MaxMessageLength = 64 * 1024 }, inflater);

        // 16 MiB of zeros deflates to ~16 KiB; the limit is 64 KiB decompressed. Compressed in pieces so the test
        // itself stays small (other tests measure allocations in parallel).
        byte[] compressed = RawDeflateZeros(16 * 1024 * 1024);
        Assert.True(compressed.Length < 32 * 1024);
        var (_, error) = TestFrames.Assemble(new ReadOnlySequence<byte>(TestFrames.Frame(WebSocketOpcode.Binary, compressed, rsv: 0x40)), assembler, WebSocketFrameReaderOptionsWithDeflate);
        Assert.Equal(WebSocketProtocolError.MessageTooLarge, error);
        Assert.Equal(WebSocketCloseCode.MessageTooBig, WebSocketProtocolErrors.GetCloseStatus(error));
    }

    [Fact]
    public void MessageExactlyAtTheLimit_IsAccepted()
    {
        using var inflater = new WebSocketInflater();
        using var assembler = new WebSocketMessageAssembler(new WebSocketMessageAssemblerOptions { MaxMessageLength = 5000 }, inflater);
        byte[] frame = TestFrames.Frame(WebSocketOpcode.Binary, RawDeflate(new byte[5000]), rsv: 0x40);
        Assert.Equal(5000, AssembleOne(assembler, frame, "SingleSegment").Length);
    }

    [Fact]
    public void InvalidDeflateData_Is1007()
    {
        using var inflater = new WebSocketInflater();
        using var assembler = new WebSocketMessageAssembler(WebSocketMessageAssemblerOptions.Default, inflater);
        var (_, error) = TestFrames.Assemble(new ReadOnlySequence<byte>(TestFrames.Frame(WebSocketOpcode.Text, [0xFF, 0xFF, 0xFF], rsv: 0x40)), assembler, WebSocketFrameReaderOptionsWithDeflate);
        Assert.Equal(WebSocketProtocolError.InvalidCompressedData, error);
        Assert.Equal(WebSocketCloseCode.InvalidPayloadData, WebSocketProtocolErrors.GetCloseStatus(error));
    }

    [Fact]
    public void InflatedTextThatIsNotUtf8_Is1007()
    {
        using var inflater = new WebSocketInflater();
        using var assembler = new WebSocketMessageAssembler(WebSocketMessageAssemblerOptions.Default, inflater);
        var (_, error) = TestFrames.Assemble(new ReadOnlySequence<byte>(TestFrames.Frame(WebSocketOpcode.Text, RawDeflate([0x68, 0xC0, 0xAF]), rsv: 0x40)), assembler, WebSocketFrameReaderOptionsWithDeflate);
        Assert.Equal(WebSocketProtocolError.InvalidUtf8, error);
    }

    [Fact]
    public void AMessageThatEndsTheDeflateStream_IsFollowedByAFreshOne()
    {
        using var inflater = new WebSocketInflater();
        using var assembler = new WebSocketMessageAssembler(WebSocketMessageAssemblerOptions.Default, inflater);

        // A compressor that finishes its stream (BFINAL) per message, as RFC 7692 §7.2.3.? allows.
        foreach (string text in new[] { "first", "second", "" })
        {
            byte[] final = RawDeflate(Encoding.UTF8.GetBytes(text), finish: true);
            Assert.Equal(text, Encoding.UTF8.GetString(AssembleOne(assembler, TestFrames.Frame(WebSocketOpcode.Text, final, rsv: 0x40), "SingleSegment")));
        }
    }

    [Fact]
    public void EmptyMessage_CompressesToOneZeroByte() =>
        Assert.Equal([0x00], new WebSocketDeflater(noContextTakeover: false).Compress([]).ToArray());

    [Fact]
    public void NoContextTakeover_EveryMessageInflatesOnItsOwn()
    {
        using var deflater = new WebSocketDeflater(noContextTakeover: true);
        byte[] text = Encoding.UTF8.GetBytes("repeat repeat repeat");
        deflater.Compress(text);
        byte[] second = deflater.Compress(text).ToArray();

        // A fresh inflater (no shared window) can read the second message.
        using var inflater = new WebSocketInflater();
        using var assembler = new WebSocketMessageAssembler(WebSocketMessageAssemblerOptions.Default, inflater);
        Assert.Equal(text, AssembleOne(assembler, TestFrames.Frame(WebSocketOpcode.Text, second, rsv: 0x40), "SingleSegment"));
    }

    [Fact]
    public void CompressedFrame_WithoutAnInflater_IsStillRejected()
    {
        using var assembler = new WebSocketMessageAssembler();
        var (_, error) = TestFrames.Assemble(new ReadOnlySequence<byte>(TestFrames.Frame(WebSocketOpcode.Text, [0x00], rsv: 0x40)), assembler, WebSocketFrameReaderOptionsWithDeflate);
        Assert.Equal(WebSocketProtocolError.UnexpectedCompressedFrame, error);
    }

    private static WebSocketFrameReaderOptions WebSocketFrameReaderOptionsWithDeflate { get; } = new() { PerMessageDeflate = true };

    private static byte[] AssembleOne(WebSocketMessageAssembler assembler, byte[] frames, string factory)
    {
        var (messages, error) = TestFrames.Assemble(ReadOnlySequenceFactory.ByName(factory).Create(frames), assembler, WebSocketFrameReaderOptionsWithDeflate);
        Assert.Equal(WebSocketProtocolError.None, error);
        return Assert.Single(messages, m => !WebSocketFrameHeader.IsControlOpcode(m.Opcode)).Payload;
    }

    private static byte[] RawDeflateZeros(int length)
    {
        var output = new MemoryStream();
        var zeros = new byte[64 * 1024];
        using (var deflate = new DeflateStream(output, CompressionLevel.Optimal, leaveOpen: true))
        {
            for (int written = 0; written < length; written += zeros.Length)
            {
                deflate.Write(zeros);
            }

            deflate.Flush();
        }

        byte[] flushed = output.ToArray();
        int tail = flushed.AsSpan().LastIndexOf((ReadOnlySpan<byte>)[0x00, 0x00, 0xFF, 0xFF]);
        return flushed[..tail];
    }

    /// <summary>Raw deflate as a peer sends it: sync-flushed with the 00 00 FF FF tail removed, or finished (BFINAL).</summary>
    private static byte[] RawDeflate(byte[] data, bool finish = false)
    {
        var output = new MemoryStream();
        using (var deflate = new DeflateStream(output, CompressionLevel.Optimal, leaveOpen: true))
        {
            deflate.Write(data);
            if (!finish)
            {
                deflate.Flush();
                byte[] flushed = output.ToArray();
                Assert.Equal([0x00, 0x00, 0xFF, 0xFF], flushed[^4..]);
                return flushed[..^4];
            }
        }

        return output.ToArray();
    }
}
