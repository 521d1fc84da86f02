using System;
using System.Buffers;
using System.Collections.Generic;
using System.Linq;
using ProtocolCore.WebSockets;

namespace ProtocolCore.Tests.WebSockets;

/// <summary>Autobahn group 9 sizes, in memory: large frames across 4 KiB segments, and many small fragments.</summary>
public class WebSocketLargeMessageTests
{
    [Fact]
    public void SixteenMiBTextFrame_AcrossPipeSizedSegments()
    {
        byte[] payload = new byte[16 * 1024 * 1024];
        payload.AsSpan().Fill((byte)'a');
        byte[] bytes = TestFrames.Frame(WebSocketOpcode.Text, payload);
        ReadOnlySequence<byte> input = ReadOnlySequenceFactory.CreateSplit(bytes, Enumerable.Range(1, bytes.Length / 4096).Select(i => i * 4096).ToList());

        var (messages, error) = TestFrames.Assemble(input);

        Assert.Equal(WebSocketProtocolError.None, error);
        Assert.Equal(payload.Length, Assert.Single(messages).Payload.Length);
    }

    [Theory]
    [InlineData(64)]
    [InlineData(4096)]
    [InlineData(1024 * 1024)]
    public void FourMiBMessageInFragments(int fragmentLength)
    {
        byte[] payload = new byte[4 * 1024 * 1024];
        new Random(9).NextBytes(payload);
        var frames = new List<byte[]>();
        for (int offset = 0; offset < payload.Length; offset += fragmentLength)
        {
            bool fin = offset + fragmentLength >= payload.Length;
            frames.Add(TestFrames.Frame(offset == 0 ? WebSocketOpcode.Binary : WebSocketOpcode.Continuation, payload.AsSpan(offset, Math.Min(fragmentLength, payload.Length - offset)), fin));
        }

        var (messages, error) = TestFrames.Assemble(new ReadOnlySequence<byte>(TestFrames.Concat(frames.ToArray())));

        Assert.Equal(WebSocketProtocolError.None, error);
        Assert.Equal(payload, Assert.Single(messages).Payload);
    }
}
