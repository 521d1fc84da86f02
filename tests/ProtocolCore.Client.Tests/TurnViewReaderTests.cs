using System.Linq;
using System.Text;
using ProtocolCore.Events;
using ProtocolCore.Json;
using ProtocolCore.Models;

namespace ProtocolCore.Client.Tests;

/// <summary>
/// <see cref="TurnViewReader"/>'s own read of <c>response.output_item.done</c> (the item into an instance kept per
/// kind): the same event as the generic decode for every shape, the generic decode for the shapes it leaves alone.
/// </summary>
public sealed class TurnViewReaderTests
{
    [Theory]
    [InlineData("""{"type":"response.output_item.done","item":{"id":"msg_1","type":"message","status":"completed","content":[{"type":"output_text","annotations":[],"logprobs":[],"text":"It\u2019s hot."}],"role":"assistant"},"output_index":1,"sequence_number":37}""")]
    [InlineData("""{"type":"response.output_item.done","sequence_number":5,"output_index":0,"stream_id":"lane-a","item":{"type":"function_call","id":"fc_1","call_id":"call_1","name":"get_weather","arguments":"{\"city\":\"Paris\"}","status":"completed"}}""")]
    [InlineData("""{"type":"response.output_item.done","item":{"id":"rs_1","type":"reasoning","summary":[]},"output_index":0,"sequence_number":3}""")]
    [InlineData("""{"type":"response.output_item.done","item":{"type":"future_kind","x":[1,2]},"output_index":0}""")]
    [InlineData("""{"type":"response.output_item.done","item":{"type":"item_reference","id":"msg_0"},"output_index":0}""")]
    [InlineData("""{"type":"response.output_item.done","item":null,"output_index":0}""")]
    [InlineData("""{"type":"response.output_item.done","item":{"id":"rs_1","type":"reasoning","summary":[]},"output_index":0,"obfuscation":"abc"}""")]
    [InlineData("""{"type":"response.output_item.done","\u0069tem":{"id":"rs_1","type":"reasoning","summary":[]}}""")]
    [InlineData("""{"output_index":2,"type":"response.output_item.done","item":{"id":"rs_1","type":"reasoning","summary":[]}}""")]
    public void ReadsTheSameEventAsTheGenericDecode(string json)
    {
        using var reader = new TurnViewReader();
        byte[] message = Encoding.UTF8.GetBytes(json);
        ResponsesEvent expected = ResponsesEventReader.Parse(message);
        for (int pass = 0; pass < 2; pass++)
        {
            ResponsesEvent view = reader.Read(message, out bool isView);
            Assert.True(isView);
            Assert.Equal(ResponsesEventJson.ToJsonString(expected), ResponsesEventJson.ToJsonString(view));
            Assert.Equal(((OutputItemDoneEvent)expected).Item?.GetType(), ((OutputItemDoneEvent)view).Item?.GetType());
        }
    }

    [Fact]
    public void AMalformedEventIsTheGenericDecodesTypedError()
    {
        using var reader = new TurnViewReader();
        Assert.Throws<ProtocolJsonException>(() => reader.Read(Encoding.UTF8.GetBytes("""{"type":"response.output_item.done","item":{"id":"rs_1","type":"reasoning","summary":[}"""), out _));
        Assert.Throws<ProtocolJsonException>(() => reader.Read(Encoding.UTF8.GetBytes("""{"type":"response.output_item.done","item":{"type":"message"}} x"""), out _));
    }

    [Fact]
    public void TheNextViewOfTheSameKindReusesTheItemAndTheKeptCopyDoesNot()
    {
        using var reader = new TurnViewReader();
        var first = (OutputItemDoneEvent)reader.Read(Encoding.UTF8.GetBytes("""{"type":"response.output_item.done","item":{"type":"message","id":"msg_1","role":"assistant","content":[{"type":"output_text","text":"one"}]}}"""), out _);
        OutputItem kept = reader.KeepItem(first, first.Item!);
        Message view = Assert.IsType<Message>(first.Item);
        var second = (OutputItemDoneEvent)reader.Read(Encoding.UTF8.GetBytes("""{"type":"response.output_item.done","item":{"type":"message","id":"msg_2","role":"assistant","content":[{"type":"output_text","text":"two"}]}}"""), out _);

        Assert.Same(first, second);
        Assert.Same(view, second.Item);
        Assert.Equal("msg_2", view.Id);
        Assert.Equal("msg_1", Assert.IsType<Message>(KeptOutputItem.Present(kept)).Id);
    }

    [Fact]
    public void ASessionsShortValuesOutliveTheTurn_ItsLongOnesDoNot()
    {
        using var reader = new TurnViewReader();
        string text = string.Concat(Enumerable.Repeat("a long message text ", 10));
        byte[] message = Encoding.UTF8.GetBytes($$$"""{"type":"response.output_item.done","item":{"type":"message","id":"msg_1","role":"assistant","content":[{"type":"output_text","text":"{{{text}}}"}]}}""");

        Message first = Assert.IsType<Message>(((OutputItemDoneEvent)reader.Read(message, out _)).Item);
        string id = first.Id!;
        string firstText = ((OutputTextContent)first.Content!.Parts![0]).Text!;
        reader.EndTurn();

        Message second = Assert.IsType<Message>(((OutputItemDoneEvent)reader.Read(message, out _)).Item);
        Assert.Same(id, second.Id);
        string secondText = ((OutputTextContent)second.Content!.Parts![0]).Text!;
        Assert.Equal(text, secondText);
        Assert.NotSame(firstText, secondText);
    }
}
