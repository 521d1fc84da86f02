using System;
using System.Buffers;
using System.Text;
using ProtocolCore.Events;
using ProtocolCore.Json;

namespace ProtocolCore.Tests.Json;

public class ProtocolJsonWriteTests
{
    private const string Delta =
        """{"type":"response.output_text.delta","item_id":"msg_1","output_index":0,"content_index":0,"delta":"hi","sequence_number":3}""";

    [Fact]
    public void EncodingEventsIntoAReusedBufferAllocatesNothing()
    {
        ResponsesEvent e = ResponsesEventReader.Parse(Delta);
        var buffer = new ArrayBufferWriter<byte>(4096);
        for (int i = 0; i < 100; i++)
        {
            buffer.ResetWrittenCount();
            ResponsesEventJson.Write(e, buffer);
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 10_000; i++)
        {
            buffer.ResetWrittenCount();
            ResponsesEventJson.Write(e, buffer);
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
        Assert.Equal(Delta, Encoding.UTF8.GetString(buffer.WrittenSpan));
    }

    [Fact]
    public void ConsecutiveWritesGoToTheirOwnDestinations()
    {
        ResponsesEvent e = ResponsesEventReader.Parse(Delta);
        var first = new ArrayBufferWriter<byte>();
        var second = new ArrayBufferWriter<byte>();

        ResponsesEventJson.Write(e, first);
        ResponsesEventJson.Write(e, second);

        Assert.Equal(Delta, Encoding.UTF8.GetString(first.WrittenSpan));
        Assert.Equal(Delta, Encoding.UTF8.GetString(second.WrittenSpan));
    }
}
