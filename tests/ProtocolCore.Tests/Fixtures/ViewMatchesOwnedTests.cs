using System;
using System.Buffers;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using ProtocolCore.Events;
using ProtocolCore.Json;
using ProtocolCore.Models;
using Xunit;

namespace ProtocolCore.Tests.Fixtures;

/// <summary>
/// The view decode reads nested items, parts and tools into the objects it kept from earlier events; what it returns
/// must still equal, member by member, a fresh owned decode of the same line, for every recorded line. One reader reads
/// each file forwards and then backwards, so every kind is read into objects an event of another shape filled before.
/// And reuse stays on the view side: the owned values of the file are unchanged after everything decoded later.
/// </summary>
public class ViewMatchesOwnedTests
{
    private const int MaxReported = 25;

    public static IEnumerable<object[]> FilesAndFactories =>
        from f in FixtureFiles.All()
        from factory in ReadOnlySequenceFactory.Standard
        select new object[] { f, factory[0] };

    [Theory]
    [MemberData(nameof(FilesAndFactories))]
    public void EveryLineDecodesToTheSameValuesAsAnOwnedDecode(string file, string factory)
    {
        var failures = new List<string>();
        var lines = FixtureFiles.Lines(file).ToList();
        var owned = new List<(ResponsesEvent Event, byte[] Json)>(lines.Count);
        using var reader = new ResponsesEventReader();
        foreach ((int line, byte[] json) in lines)
        {
            ResponsesEvent expected = ResponsesEventReader.Parse(json);
            owned.Add((expected, ResponsesEventJson.ToUtf8Bytes(expected)));
            Check(reader.Read(ReadOnlySequenceFactory.ByName(factory).Create(json)), expected, $"{file}:{line} ({factory})", failures);
        }

        // Backwards: each kind is now read into objects a later line filled.
        for (int i = lines.Count - 1; i >= 0; i--)
        {
            Check(reader.Read(ReadOnlySequenceFactory.ByName(factory).Create(lines[i].Json)), owned[i].Event, $"{file}:{lines[i].Line} backwards ({factory})", failures);
        }

        for (int i = 0; i < owned.Count; i++)
        {
            if (!ResponsesEventJson.ToUtf8Bytes(owned[i].Event).AsSpan().SequenceEqual(owned[i].Json))
            {
                failures.Add($"{file}:{lines[i].Line}: the owned event changed after later decodes");
            }
        }

        Assert.True(failures.Count == 0, $"{failures.Count} failure(s):\n" + string.Join("\n", failures.Take(MaxReported)));
    }

    [Fact]
    public void AnOwnedItemIsNotTouchedByLaterDecodesOfTheSameShape()
    {
        const string First = """{"type":"response.output_item.done","item":{"id":"msg_1","type":"message","status":"completed","content":[{"type":"output_text","annotations":[],"logprobs":[],"text":"first"}],"role":"assistant"},"output_index":0,"sequence_number":1}""";
        const string Second = """{"type":"response.output_item.done","item":{"id":"msg_2","type":"message","status":"incomplete","content":[{"type":"refusal","refusal":"no"},{"type":"output_text","annotations":[],"logprobs":[],"text":"second"}],"role":"assistant"},"output_index":1,"sequence_number":2}""";
        var first = (OutputItemDoneEvent)ResponsesEventReader.Parse(First);
        var message = (Message)first.Item!;
        List<InputContent> parts = message.Content!.Parts!;
        InputContent part = parts[0];

        // Later decodes of the same kind, owned and as views, on a reader that has read the first one too.
        using var reader = new ResponsesEventReader();
        reader.Read(Encoding.UTF8.GetBytes(First));
        for (int i = 0; i < 3; i++)
        {
            ResponsesEventReader.Parse(Second);
            reader.Read(Encoding.UTF8.GetBytes(Second));
            reader.Read(Encoding.UTF8.GetBytes(First));
        }

        Assert.Same(message, first.Item);
        Assert.Same(parts, message.Content.Parts);
        Assert.Same(part, Assert.Single(parts));
        Assert.Equal("first", ((OutputTextContent)part).Text);
        Assert.Equal("msg_1", message.Id);
        Assert.True(JsonDeepEqual.Equal(Encoding.UTF8.GetBytes(First), ResponsesEventJson.ToUtf8Bytes(first), out string difference), difference);
    }

    [Fact]
    public void AViewReadsTheSameKindIntoTheSameObjects()
    {
        // The point of reuse, shown on the objects themselves: the second view of a shape is the first one's objects.
        const string Completed = """{"type":"response.completed","response":{"id":"resp_1","object":"response","status":"completed","output":[{"id":"rs_1","type":"reasoning","summary":[]},{"id":"msg_1","type":"message","status":"completed","content":[{"type":"output_text","annotations":[],"logprobs":[],"text":"hi"}],"role":"assistant"}],"tools":[{"type":"function","name":"weather","parameters":{}}]},"sequence_number":9}""";
        byte[] json = Encoding.UTF8.GetBytes(Completed);
        using var reader = new ResponsesEventReader();
        Response first = ((ResponseCompletedEvent)reader.Read(json)).Response!;
        List<OutputItem> output = first.Output!;
        (OutputItem reasoning, OutputItem message, Tool tool) = (output[0], output[1], first.Tools![0]);
        InputContent part = ((Message)message).Content!.Parts![0];

        Response second = ((ResponseCompletedEvent)reader.Read(json)).Response!;

        Assert.Same(first, second);
        Assert.Same(output, second.Output);
        Assert.Same(reasoning, second.Output![0]);
        Assert.Same(message, second.Output[1]);
        Assert.Same(tool, second.Tools![0]);
        Assert.Same(part, ((Message)second.Output[1]).Content!.Parts![0]);
        Assert.True(JsonDeepEqual.Equal(json, ResponsesEventJson.ToUtf8Bytes(reader.Read(json)), out string difference), difference);
    }

    [Fact]
    public void AnOwnedDecodeSharesNoObjectWithAnother()
    {
        const string Completed = """{"type":"response.completed","response":{"id":"resp_1","output":[{"id":"msg_1","type":"message","content":[{"type":"output_text","text":"hi"}]}],"tools":[{"type":"function","name":"weather"}]},"sequence_number":9}""";
        var first = ((ResponseCompletedEvent)ResponsesEventReader.Parse(Completed)).Response!;
        var second = ((ResponseCompletedEvent)ResponsesEventReader.Parse(Completed)).Response!;

        Assert.NotSame(first.Output, second.Output);
        Assert.NotSame(first.Output![0], second.Output![0]);
        Assert.NotSame(((Message)first.Output[0]).Content, ((Message)second.Output[0]).Content);
        Assert.NotSame(((Message)first.Output[0]).Content!.Parts![0], ((Message)second.Output[0]).Content!.Parts![0]);
        Assert.NotSame(first.Tools![0], second.Tools![0]);
    }

    [Fact]
    public void AHugeArrayIsNotKeptPastTheReuseLimit()
    {
        // Positions past MaxReusedElements are new each time: a view decode keeps at most that many per array.
        int count = JsonReadContext.MaxReusedElements + 3;
        string tools = string.Join(",", Enumerable.Range(0, count).Select(i => $$"""{"type":"function","name":"f{{i}}"}"""));
        byte[] json = Encoding.UTF8.GetBytes($$"""{"type":"response.created","response":{"id":"resp_1","tools":[{{tools}}]},"sequence_number":0}""");
        using var reader = new ResponsesEventReader();
        List<Tool> first = ((ResponseCreatedEvent)reader.Read(json)).Response!.Tools!.ToList();
        List<Tool> second = ((ResponseCreatedEvent)reader.Read(json)).Response!.Tools!;

        Assert.Equal(count, second.Count);
        Assert.All(Enumerable.Range(0, JsonReadContext.MaxReusedElements), i => Assert.Same(first[i], second[i]));
        Assert.All(Enumerable.Range(JsonReadContext.MaxReusedElements, 3), i => Assert.NotSame(first[i], second[i]));
        Assert.Equal("f" + (count - 1), ((FunctionTool)second[^1]).Name);
    }

    private static void Check(ResponsesEvent view, ResponsesEvent owned, string where, List<string> failures)
    {
        foreach (string difference in FieldByField.Differences(owned, view))
        {
            failures.Add($"{where}: {owned.Type}: {difference}");
        }
    }
}
