using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using ProtocolCore.Native;
using ProtocolCore.Tests.WebSockets;
using ProtocolCore.WebSockets;

namespace ProtocolCore.Tests.Native;

/// <summary>Bad input gives a typed status, never another exception or a hang: mutated streams in random chunks.</summary>
public class ProtocolCodecFuzzTests
{
    private static readonly string[] s_messages =
    [
        """{"type":"response.output_text.delta","sequence_number":1,"item_id":"m","output_index":0,"content_index":0,"delta":"a\u00e9\n"}""",
        """{"type":"response.completed","sequence_number":2,"response":{"id":"r","output":[{"type":"message","content":[]}]}}""",
        """{"type":"response.function_call_arguments.delta","sequence_number":3,"delta":"{\"x\":1}"}""",
        """{"type":"error","error":{"type":"invalid_request_error","code":"x","message":"m"}}""",
    ];

    [Fact]
    public void MutatedStreamsOnlyEverFailWithTypedStatuses()
    {
        var random = new Random(55);
        byte[] clean = TestFrames.Concat(s_messages.Select(m => TestFrames.Frame(WebSocketOpcode.Text, Encoding.UTF8.GetBytes(m)))
            .Append(TestFrames.Frame(WebSocketOpcode.Ping, "p"u8))
            .Concat(s_messages.Select(m => TestFrames.Frame(WebSocketOpcode.Text, Encoding.UTF8.GetBytes(m))))
            .ToArray());
        var seen = new HashSet<int>();
        for (int iteration = 0; iteration < 3000; iteration++)
        {
            byte[] stream = (byte[])clean.Clone();
            int flips = random.Next(1, 6);
            for (int i = 0; i < flips; i++)
            {
                stream[random.Next(stream.Length)] = (byte)random.Next(256);
            }

            if (iteration % 7 == 0)
            {
                stream = stream.AsSpan(0, random.Next(stream.Length)).ToArray();
            }

            using var codec = new ProtocolCodec(CodecOptions.Parse("""{"max_frame_size":4096,"max_message_size":8192}"""u8));
            seen.Add(Run(codec, stream, random));
        }

        Assert.Contains(PcStatus.Protocol, seen);
        Assert.Contains(PcStatus.Json, seen);
        Assert.Contains(PcStatus.NoEvent, seen);
    }

    /// <summary>Feeds in random chunks and pulls until the stream is used up; returns the last status seen.</summary>
    private static int Run(ProtocolCodec codec, byte[] stream, Random random)
    {
        int last = PcStatus.NoEvent;
        int offset = 0;
        PcEvent e = default;
        for (int guard = 0; guard < 100_000; guard++)
        {
            try
            {
                if (offset < stream.Length)
                {
                    offset += codec.Feed(stream.AsSpan(offset, Math.Min(random.Next(1, 300), stream.Length - offset)));
                }

                int status;
                while ((status = codec.Next(ref e)) == PcStatus.Ok)
                {
                    Assert.True(e.RawJsonLength > 0);
                }

                if (status == PcStatus.Closed || offset >= stream.Length)
                {
                    return last == PcStatus.NoEvent ? status : last;
                }
            }
            catch (PcException ex) when (ex.Status is PcStatus.Json or PcStatus.Unsupported)
            {
                last = ex.Status;
            }
            catch (PcException ex) when (ex.Status == PcStatus.Protocol)
            {
                Assert.NotEmpty(CodecDriver.ClientFrames(codec.TakeOutgoing()));
                return PcStatus.Protocol;
            }
        }

        Assert.Fail("The codec made no progress.");
        return 0;
    }
}
