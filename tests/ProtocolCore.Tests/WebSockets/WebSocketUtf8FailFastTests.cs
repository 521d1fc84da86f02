using System;
using System.Buffers;
using System.Collections.Generic;
using System.Linq;
using ProtocolCore.WebSockets;

namespace ProtocolCore.Tests.WebSockets;

/// <summary>
/// Autobahn group 6 in spirit: valid and invalid UTF-8 delivered in one frame and one byte per fragment. Invalid
/// input must fail in the fragment holding the first byte that makes the text impossible, not at the end.
/// </summary>
public class WebSocketUtf8FailFastTests
{
    /// <summary>Hex bytes and the index of the first byte that can no longer be valid (-1: valid; = length: truncated).</summary>
    public static TheoryData<string, int> Cases => new()
    {
        { "CE BA E1 BD B9 CF 83 CE BC CE B5", -1 },   // κόσμε
        { "EF BF BF", -1 },                           // U+FFFF (a noncharacter, but valid UTF-8)
        { "F4 8F BF BF", -1 },                        // U+10FFFF, the last code point
        { "F0 90 80 80", -1 },                        // U+10000, the first four-byte code point
        { "CE BA ED A0 80", 3 },                      // a UTF-16 surrogate (U+D800)
        { "F4 90 80 80", 1 },                         // above U+10FFFF
        { "F5 80 80 80", 0 },                         // F5 never starts a character
        { "C0 AF", 0 },                               // overlong "/"
        { "E0 80 AF", 1 },                            // overlong, three bytes
        { "F0 80 80 AF", 1 },                         // overlong, four bytes
        { "41 80", 1 },                               // lone continuation byte
        { "C2 41", 1 },                               // lead byte followed by ASCII
        { "FE", 0 },
        { "FF", 0 },
        { "41 E2 82", 3 },                            // truncated at the end of the message
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void OneFrame(string hex, int failAt)
    {
        byte[] text = Convert.FromHexString(hex.Replace(" ", string.Empty, StringComparison.Ordinal));
        foreach (string factory in new[] { "SingleSegment", "SegmentPerByte" })
        {
            var (messages, error) = TestFrames.Assemble(ReadOnlySequenceFactory.ByName(factory).Create(TestFrames.Frame(WebSocketOpcode.Text, text)));

            Assert.Equal(failAt < 0 ? WebSocketProtocolError.None : WebSocketProtocolError.InvalidUtf8, error);
            Assert.Equal(failAt < 0 ? 1 : 0, messages.Count);
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void OneBytePerFragment_FailsAtTheFirstImpossibleByte(string hex, int failAt)
    {
        byte[] text = Convert.FromHexString(hex.Replace(" ", string.Empty, StringComparison.Ordinal));
        var frames = new List<byte[]>();
        for (int i = 0; i < text.Length; i++)
        {
            frames.Add(TestFrames.Frame(i == 0 ? WebSocketOpcode.Text : WebSocketOpcode.Continuation, text.AsSpan(i, 1), fin: false));
        }

        frames.Add(TestFrames.Frame(WebSocketOpcode.Continuation, []));
        using var assembler = new WebSocketMessageAssembler();

        int failedAt = -1;
        for (int i = 0; i < frames.Count; i++)
        {
            WebSocketFrameReader.TryReadFrame(new ReadOnlySequence<byte>(frames[i]), WebSocketFrameReaderOptions.Client, out WebSocketFrame frame, out _, out _, out _);
            if (assembler.TryAdd(frame, out _, out WebSocketProtocolError error) == MessageAssemblyStatus.Error)
            {
                Assert.Equal(WebSocketProtocolError.InvalidUtf8, error);
                failedAt = i;
                break;
            }
        }

        Assert.Equal(failAt, failedAt);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void InsideOneFrame_ArrivingByteByByte_FailsAtTheFirstImpossibleByte(string hex, int failAt)
    {
        byte[] payload = Convert.FromHexString(hex.Replace(" ", string.Empty, StringComparison.Ordinal));
        byte[] frameBytes = TestFrames.Frame(WebSocketOpcode.Text, payload);
        int headerLength = frameBytes.Length - payload.Length;
        using var assembler = new WebSocketMessageAssembler();

        // Every prefix that ends inside the payload, as a receive loop sees while the frame is incomplete.
        int failedAt = -1;
        for (int received = 1; received < payload.Length && failedAt < 0; received++)
        {
            WebSocketFrameReader.TryReadFrame(
                new ReadOnlySequence<byte>(frameBytes, 0, headerLength + received), WebSocketFrameReaderOptions.Client, out WebSocketFrame partial, out _, out _, out _);
            if (assembler.CheckPartialFrame(partial) != WebSocketProtocolError.None)
            {
                failedAt = received - 1;
            }
        }

        WebSocketFrameReader.TryReadFrame(new ReadOnlySequence<byte>(frameBytes), WebSocketFrameReaderOptions.Client, out WebSocketFrame frame, out _, out _, out _);
        bool failedWhole = failedAt < 0 && assembler.TryAdd(frame, out _, out _) == MessageAssemblyStatus.Error;

        if (failAt < 0)
        {
            Assert.Equal(-1, failedAt);
            Assert.False(failedWhole);
        }
        else if (failAt < payload.Length - 1)
        {
            // The impossible byte arrived while the frame was still incomplete: it failed right then.
            Assert.Equal(failAt, failedAt);
        }
        else
        {
            // The last byte is the impossible one, or the text is truncated: only the whole frame can tell.
            Assert.Equal(-1, failedAt);
            Assert.True(failedWhole);
        }
    }
}
