using System;
using System.Text;
using ProtocolCore.Events;
using ProtocolCore.Json;
using ProtocolCore.Models;
using ProtocolCore.Requests;

namespace ProtocolCore.Tests.Json;

/// <summary>The owned decode (Parse): values outlive and are independent of the caller's buffer, each in an array of its own.</summary>
public class OwnedParseTests
{
    private const string Delta =
        """{"type":"response.function_call_arguments.delta","item_id":"fc_0123456789abcdef","output_index":1,"delta":"{\"path\": \"src/a.cs\"","obfuscation":"Zx9","sequence_number":7,"extra":{"k":[1,2]}}""";

    [Fact]
    public void ValuesDoNotChangeWhenTheCallersBufferIsReused()
    {
        byte[] buffer = Encoding.UTF8.GetBytes(Delta);
        var e = (FunctionCallArgumentsDeltaEvent)ResponsesEventReader.Parse(buffer);
        buffer.AsSpan().Fill((byte)'#');

        Assert.Equal("fc_0123456789abcdef", e.ItemId.ToString());
        Assert.Equal("{\"path\": \"src/a.cs\"", e.Delta.ToString());
        Assert.Equal("Zx9", e.Obfuscation.ToString());
        Assert.Equal(Delta, ResponsesEventJson.ToJsonString(e));
    }

    [Fact]
    public void TwoParsesOfTheSameBufferShareNothing()
    {
        byte[] buffer = Encoding.UTF8.GetBytes(Delta);
        var first = (FunctionCallArgumentsDeltaEvent)ResponsesEventReader.Parse(buffer);
        var second = (FunctionCallArgumentsDeltaEvent)ResponsesEventReader.Parse(buffer);

        Assert.False(first.ItemId!.Value.Span.Overlaps(second.ItemId!.Value.Span));
        Assert.Equal(first.ItemId.ToString(), second.ItemId.ToString());
    }

    [Fact]
    public void ADeltaCostsTheEventAndItsValuesNotACopyOfTheMessage()
    {
        byte[] json = Encoding.UTF8.GetBytes(Delta);
        for (int i = 0; i < 100; i++)
        {
            ResponsesEventReader.Parse(json);
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        ResponsesEventReader.Parse(json);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        // The event and one array per value: item_id, the escaped delta (its escaped length: unescaped in place),
        // obfuscation, and the extension data ({"extra":...}). A private copy of the message kept alive by every
        // value, as before, made a delta cost the whole message besides.
        before = GC.GetAllocatedBytesForCurrentThread();
        var own = new FunctionCallArgumentsDeltaEvent();
        byte[][] values = [new byte["fc_0123456789abcdef".Length], new byte["{\\\"path\\\": \\\"src/a.cs\\\"".Length], new byte["Zx9".Length], new byte["\"extra\":{\"k\":[1,2]}".Length + 2]];
        long expected = GC.GetAllocatedBytesForCurrentThread() - before - (24 + 4 * 8);
        GC.KeepAlive(own);
        GC.KeepAlive(values);
        Assert.Equal(expected, allocated);
    }

    [Fact]
    public void ToUtf8BytesAllocatesOnlyTheResult()
    {
        var request = new ResponseCreateRequest
        {
            Model = "gpt-5.5",
            PreviousResponseId = "resp_1",
            Input = new([new FunctionCallOutput { CallId = "call_1", Output = new string('x', 6000) + "\"\n€" }]),
        };
        for (int i = 0; i < 100; i++)
        {
            ProtocolJson.ToUtf8Bytes(request);
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        byte[] bytes = ProtocolJson.ToUtf8Bytes(request);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.InRange(allocated, bytes.Length, bytes.Length + 64);
        Assert.Contains("\"output\":\"xxx", Encoding.UTF8.GetString(bytes), StringComparison.Ordinal);
    }
}
