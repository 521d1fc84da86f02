using System;
using System.Buffers;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using ProtocolCore.Tests;

namespace ProtocolCore.Client.Tests;

/// <summary><see cref="KeptEventJson"/>: the ranges of what the session keeps, on one segment and one byte per segment.</summary>
public sealed class KeptEventJsonTests
{
    public static IEnumerable<object[]> Factories => ReadOnlySequenceFactory.Standard;

    [Theory]
    [MemberData(nameof(Factories))]
    public void FindsTheTopLevelItemWhereverItIs(string factory)
    {
        const string item = """{"type":"message","id":"msg_1","content":[{"item":{"x":1}}]}""";
        Assert.Equal(item, FindItem(factory, $$"""{"type":"response.output_item.done","item":{{item}},"output_index":0}"""));
        Assert.Equal(item, FindItem(factory, $$$"""{"output_index":0,"other":{"item":{"y":2}}, "item" : {{{item}}} }"""));

        // An escaped member name is the same name; a repeated member counts as its last occurrence, as in the decoder.
        Assert.Equal(item, FindItem(factory, $$"""{"it\u0065m":{{item}}}"""));
        Assert.Equal(item, FindItem(factory, $$"""{"item":{"type":"reasoning"},"item":{{item}}}"""));
    }

    [Theory]
    [MemberData(nameof(Factories))]
    public void NoItemObjectIsNotFound(string factory)
    {
        Assert.Null(FindItem(factory, """{"type":"response.output_item.done","output_index":0}"""));
        Assert.Null(FindItem(factory, """{"type":"response.output_item.done","item":null}"""));
        Assert.Null(FindItem(factory, """{"item":{"type":"message"},"item":"no"}"""));
        Assert.Null(FindItem(factory, """["item"]"""));
        Assert.Null(FindItem(factory, """{"item":{"type":"mess"""));
    }

    [Theory]
    [MemberData(nameof(Factories))]
    public void FindsTheOutputElementsAndTheMembersTheResultNeeds(string factory)
    {
        const string first = """{"type":"reasoning","id":"rs_1","summary":[]}""";
        const string second = """{"type":"message","id":"msg_1","content":[{"type":"output_text","text":"a \"b\" ]"}]}""";
        const string usage = """{"input_tokens":1,"output_tokens":2}""";
        const string incomplete = """{"reason":"max_output_tokens"}""";
        string json = $$$"""{"type":"response.incomplete","sequence_number":9,"response":{"id":"resp_1","usage":{{{usage}}},"output":[ {{{first}}} , {{{second}}} ],"error":null,"incomplete_details":{{{incomplete}}},"tools":[{"output":[1]}]}}""";
        (bool found, List<string> output, TerminalRanges parts, byte[] bytes) = FindParts(factory, json);

        Assert.True(found);
        Assert.Equal([first, second], output);
        Assert.Equal(usage, Text(bytes, parts.Usage));
        Assert.Null(parts.Error);
        Assert.Equal(incomplete, Text(bytes, parts.IncompleteDetails));
    }

    [Theory]
    [MemberData(nameof(Factories))]
    public void AResponselessOrMalformedEventHasNoParts(string factory)
    {
        Assert.False(FindParts(factory, """{"type":"error","error":{"code":"x","message":"y"}}""").Found);
        Assert.False(FindParts(factory, """{"type":"response.completed","response":null}""").Found);
        (bool found, List<string> output, TerminalRanges parts, _) = FindParts(factory, """{"type":"response.completed","response":{"output":[{"type":"message"}""");
        Assert.False(found);
        Assert.Empty(output);
        Assert.Equal(default, parts);

        // A later "response" that is not an object replaces the earlier one, as in the decoder.
        Assert.False(FindParts(factory, """{"response":{"output":[{"a":1}]},"response":null}""").Found);
        (bool empty, List<string> none, _, _) = FindParts(factory, """{"response":{"output":[]}}""");
        Assert.True(empty);
        Assert.Empty(none);
    }

    private static string? FindItem(string factory, string json)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(json);
        ReadOnlySequence<byte> message = ReadOnlySequenceFactory.ByName(factory).Create(bytes);
        return KeptEventJson.TryFindItem(message, out Range item) ? Text(bytes, item) : null;
    }

    private static (bool Found, List<string> Output, TerminalRanges Parts, byte[] Bytes) FindParts(string factory, string json)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(json);
        ReadOnlySequence<byte> message = ReadOnlySequenceFactory.ByName(factory).Create(bytes);
        var output = new List<Range> { 0..1 };
        bool found = KeptEventJson.TryFindResponseParts(message, output, out TerminalRanges parts);
        return (found, [.. output.Select(r => Text(bytes, r)!)], parts, bytes);
    }

    private static string? Text(byte[] bytes, Range? range) => range is { } r ? Encoding.UTF8.GetString(bytes.AsSpan()[r]) : null;
}
