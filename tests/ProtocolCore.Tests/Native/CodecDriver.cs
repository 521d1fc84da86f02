using System;
using System.Buffers;
using System.Collections.Generic;
using System.Text;
using ProtocolCore.Native;
using ProtocolCore.Tests.WebSockets;
using ProtocolCore.WebSockets;

namespace ProtocolCore.Tests.Native;

/// <summary>Server frames for the codec, and a way to pull every event out of it as managed values.</summary>
internal static unsafe class CodecDriver
{
    public static byte[] Text(string json) => TestFrames.Frame(WebSocketOpcode.Text, Encoding.UTF8.GetBytes(json));

    /// <summary>The frames a server reads from what the codec wrote (opcode and unmasked payload).</summary>
    public static List<(WebSocketOpcode Opcode, byte[] Payload)> ClientFrames(ReadOnlySpan<byte> bytes)
    {
        (List<TestFrames.ReadFrame> frames, FrameParseStatus last, _) = TestFrames.ReadAll(
            new ReadOnlySequence<byte>(bytes.ToArray()), new WebSocketFrameReaderOptions { IsServer = true });
        Xunit.Assert.True(bytes.IsEmpty || last == FrameParseStatus.Complete, $"Trailing bytes: {last}");
        var result = new List<(WebSocketOpcode, byte[])>();
        foreach (TestFrames.ReadFrame frame in frames)
        {
            Xunit.Assert.True(frame.Header.Masked);
            byte[] payload = frame.Payload;
            WebSocketMasking.Mask(payload, frame.Header.MaskKey, 0);
            result.Add((frame.Header.Opcode, payload));
        }

        return result;
    }

    /// <summary>Feeds <paramref name="bytes"/> whole (it must fit) and pulls until no event is left.</summary>
    public static List<DecodedEvent> FeedAll(ProtocolCodec codec, ReadOnlySpan<byte> bytes)
    {
        var events = new List<DecodedEvent>();
        while (!bytes.IsEmpty)
        {
            int taken = codec.Feed(bytes);
            bytes = bytes[taken..];
            Drain(codec, events);
        }

        Drain(codec, events);
        return events;
    }

    public static int Drain(ProtocolCodec codec, List<DecodedEvent> events)
    {
        while (true)
        {
            PcEvent e = default;
            e.Size = (uint)sizeof(PcEvent);
            int status = codec.Next(ref e);
            if (status != PcStatus.Ok)
            {
                return status;
            }

            events.Add(DecodedEvent.From(e));
        }
    }
}
