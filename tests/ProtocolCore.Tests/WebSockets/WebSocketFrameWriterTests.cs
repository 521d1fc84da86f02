using System;
using System.Buffers;
using System.Buffers.Binary;
using System.Linq;
using System.Text;
using ProtocolCore.WebSockets;

namespace ProtocolCore.Tests.WebSockets;

public class WebSocketFrameWriterTests
{
    private static readonly WebSocketFrameReaderOptions s_server = new() { IsServer = true };

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(125)]
    [InlineData(126)]
    [InlineData(65535)]
    [InlineData(65536)]
    [InlineData(200_000)]
    public void WritesMaskedFramesAServerReadsBack(int length)
    {
        byte[] payload = Enumerable.Range(0, length).Select(i => (byte)(i * 7)).ToArray();
        var output = new ArrayBufferWriter<byte>();
        var writer = new WebSocketFrameWriter();

        writer.WriteBinary(output, payload);

        var (frames, last, _) = TestFrames.ReadAll(new ReadOnlySequence<byte>(output.WrittenMemory), s_server);
        Assert.Equal(FrameParseStatus.Complete, last);
        TestFrames.ReadFrame frame = Assert.Single(frames);
        Assert.True(frame.Header.Masked);
        Assert.True(frame.Header.Fin);
        Assert.Equal(WebSocketOpcode.Binary, frame.Header.Opcode);
        Assert.Equal(length <= 125 ? 6 : length <= 65535 ? 8 : 14, frame.Header.HeaderLength);
        WebSocketMasking.Mask(frame.Payload, frame.Header.MaskKey, 0);
        Assert.Equal(payload, frame.Payload);
    }

    [Fact]
    public void EveryFrameGetsAFreshKey()
    {
        var output = new ArrayBufferWriter<byte>();
        var writer = new WebSocketFrameWriter();
        for (int i = 0; i < 50; i++)
        {
            writer.WriteText(output, "same"u8);
        }

        var (frames, _, _) = TestFrames.ReadAll(new ReadOnlySequence<byte>(output.WrittenMemory), s_server);
        Assert.Equal(50, frames.Count);
        Assert.True(frames.Select(f => f.Header.MaskKey).Distinct().Count() >= 48);
    }

    [Fact]
    public void WritesIntoSmallSegments_WithTheMaskPhaseCarriedAcrossThem()
    {
        byte[] payload = Encoding.UTF8.GetBytes(new string('z', 1000));
        var output = new SmallSpanWriter(maxSpan: 7);

        new WebSocketFrameWriter().WriteText(output, payload);

        var (frames, _, _) = TestFrames.ReadAll(new ReadOnlySequence<byte>(output.Written), s_server);
        WebSocketMasking.Mask(frames[0].Payload, frames[0].Header.MaskKey, 0);
        Assert.Equal(payload, frames[0].Payload);
    }

    [Fact]
    public void FragmentsLargeMessages()
    {
        byte[] payload = Encoding.UTF8.GetBytes(new string('q', 2500));
        var output = new ArrayBufferWriter<byte>();

        new WebSocketFrameWriter().WriteText(output, payload, maxFragmentLength: 1000);

        var (frames, _, _) = TestFrames.ReadAll(new ReadOnlySequence<byte>(output.WrittenMemory), s_server);
        Assert.Equal([WebSocketOpcode.Text, WebSocketOpcode.Continuation, WebSocketOpcode.Continuation], frames.Select(f => f.Header.Opcode));
        Assert.Equal([false, false, true], frames.Select(f => f.Header.Fin));
        Assert.Equal([1000L, 1000L, 500L], frames.Select(f => f.Header.PayloadLength));
        byte[] joined = frames.SelectMany(f =>
        {
            WebSocketMasking.Mask(f.Payload, f.Header.MaskKey, 0);
            return f.Payload;
        }).ToArray();
        Assert.Equal(payload, joined);
    }

    [Fact]
    public void WritesControlFrames()
    {
        var output = new ArrayBufferWriter<byte>();
        var writer = new WebSocketFrameWriter();

        writer.WritePing(output, "p"u8);
        writer.WritePong(output, "q"u8);
        writer.WriteClose(output, WebSocketCloseCode.NormalClosure, "done ✓");
        writer.WriteClose(output);

        var (frames, _, _) = TestFrames.ReadAll(new ReadOnlySequence<byte>(output.WrittenMemory), s_server);
        Assert.Equal([WebSocketOpcode.Ping, WebSocketOpcode.Pong, WebSocketOpcode.Close, WebSocketOpcode.Close], frames.Select(f => f.Header.Opcode));
        byte[] close = frames[2].Payload;
        WebSocketMasking.Mask(close, frames[2].Header.MaskKey, 0);
        Assert.Equal(1000, BinaryPrimitives.ReadUInt16BigEndian(close));
        Assert.Equal("done ✓", Encoding.UTF8.GetString(close.AsSpan(2)));
        Assert.Empty(frames[3].Payload);
    }

    [Fact]
    public void RejectsWhatThePeerWouldReject()
    {
        var output = new ArrayBufferWriter<byte>();
        var writer = new WebSocketFrameWriter();

        Assert.Throws<ArgumentException>(() => writer.WritePing(output, new byte[126]));
        Assert.Throws<ArgumentException>(() => writer.WriteFrame(output, WebSocketOpcode.Pong, [], fin: false));
        Assert.Throws<ArgumentOutOfRangeException>(() => writer.WriteFrame(output, (WebSocketOpcode)3, []));
        Assert.Throws<ArgumentOutOfRangeException>(() => writer.WriteClose(output, WebSocketCloseCode.NoStatusReceived));
        Assert.Throws<ArgumentException>(() => writer.WriteClose(output, WebSocketCloseCode.NormalClosure, new string('r', 124)));
        writer.WriteClose(output, WebSocketCloseCode.NormalClosure, new string('r', 123));
        Assert.Equal(6 + 125, output.WrittenCount);
    }

    /// <summary>An <see cref="IBufferWriter{T}"/> that never hands out more than a few bytes at a time (beyond a hint).</summary>
    private sealed class SmallSpanWriter(int maxSpan) : IBufferWriter<byte>
    {
        private byte[] _buffer = new byte[64];
        private int _count;

        public byte[] Written => _buffer[.._count];

        public void Advance(int count) => _count += count;

        public Memory<byte> GetMemory(int sizeHint = 0)
        {
            int size = Math.Max(sizeHint, maxSpan);
            if (_buffer.Length - _count < size)
            {
                Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _count + size));
            }

            return _buffer.AsMemory(_count, size);
        }

        public Span<byte> GetSpan(int sizeHint = 0) => GetMemory(sizeHint).Span;
    }
}
