using System.Buffers;
using System.Collections.Generic;
using System.Text;
using ProtocolCore.Events;
using ProtocolCore.Json;

namespace ProtocolCore.Tests.Events;

/// <summary>
/// The generated readers match members in the order servers write them first and fall back to a general loop: every
/// other order, whitespace, escaped names, unknown members in between and duplicates must decode exactly as before.
/// </summary>
public class MemberOrderTests
{
    public static TheoryData<string, string> Inputs()
    {
        var data = new TheoryData<string, string>();
        string[] inputs =
        [
            // Server order.
            """{"type":"response.output_text.delta","sequence_number":7,"item_id":"msg_1","output_index":1,"content_index":0,"delta":"Hi","logprobs":[],"obfuscation":"abc"}""",
            // Reversed.
            """{"obfuscation":"abc","logprobs":[],"delta":"Hi","content_index":0,"output_index":1,"item_id":"msg_1","sequence_number":7,"type":"response.output_text.delta"}""",
            // A member missing from the middle of the order, then the rest in order.
            """{"type":"response.output_text.delta","sequence_number":7,"output_index":1,"item_id":"msg_1","content_index":0,"delta":"Hi","logprobs":[],"obfuscation":"abc"}""",
            // Whitespace everywhere.
            """ { "type" : "response.output_text.delta" , "sequence_number" : 7 , "item_id" : "msg_1" , "output_index" : 1 , "content_index" : 0 , "delta" : "Hi" , "logprobs" : [ ] , "obfuscation" : "abc" } """,
            // Escaped names.
            """{"type":"response.output_text.delta","sequence_number":7,"item\u005fid":"msg_1","output_index":1,"content_index":0,"\u0064elta":"Hi","logprobs":[],"obfuscation":"abc"}""",
            // Escaped string values in server order (read by the string fast path, unescaped into scratch).
            """{"type":"response.output_text.delta","sequence_number":7,"item_id":"msg\u005f1","output_index":1,"content_index":0,"delta":"H\u0069","logprobs":[],"obfuscation":"ab\u0063"}""",
            // Whitespace only before the closing brace: every member matched in order, the end read by the general loop.
            """{"type":"response.output_text.delta","sequence_number":7,"item_id":"msg_1","output_index":1,"content_index":0,"delta":"Hi","logprobs":[],"obfuscation":"abc" }""",
            // An escaped "type": the union's general path.
            """{"type":"response.output_text.delt\u0061","sequence_number":7,"item_id":"msg_1","output_index":1,"content_index":0,"delta":"Hi","logprobs":[],"obfuscation":"abc"}""",
            // "type" not first.
            """{"sequence_number":7,"type":"response.output_text.delta","item_id":"msg_1","output_index":1,"content_index":0,"delta":"Hi","logprobs":[],"obfuscation":"abc"}""",
            // A duplicate: the last one wins, as in the general loop.
            """{"type":"response.output_text.delta","sequence_number":7,"item_id":"msg_0","item_id":"msg_1","output_index":1,"content_index":0,"delta":"Hi","logprobs":[],"obfuscation":"abc"}""",
        ];
        foreach (string input in inputs)
        {
            foreach (object[] factory in ReadOnlySequenceFactory.Standard)
            {
                data.Add(input, (string)factory[0]);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Inputs))]
    public void DecodesTheSameMembersInAnyOrder(string json, string factory)
    {
        ReadOnlySequence<byte> input = ReadOnlySequenceFactory.ByName(factory).Create(Encoding.UTF8.GetBytes(json));
        using var reader = new ResponsesEventReader();

        var e = Assert.IsType<OutputTextDeltaEvent>(reader.Read(input));

        Assert.Equal(7, e.SequenceNumber);
        Assert.Equal("msg_1", e.ItemId!.Value.ToString());
        Assert.Equal(1, e.OutputIndex);
        Assert.Equal(0, e.ContentIndex);
        Assert.Equal("Hi", e.Delta!.Value.ToString());
        Assert.Empty(e.Logprobs!);
        Assert.Equal("abc", e.Obfuscation!.Value.ToString());
        Assert.True(e.ExtensionData.IsEmpty);
    }

    [Theory]
    [MemberData(nameof(ReadOnlySequenceFactory.Standard), MemberType = typeof(ReadOnlySequenceFactory))]
    public void KeepsAnUnknownMemberBetweenKnownOnes(string factory)
    {
        const string Json =
            """{"type":"response.output_text.delta","sequence_number":7,"item_id":"msg_1","new_member":{"a":[1]},"output_index":1,"content_index":0,"delta":"Hi","logprobs":null}""";
        ReadOnlySequence<byte> input = ReadOnlySequenceFactory.ByName(factory).Create(Encoding.UTF8.GetBytes(Json));
        using var reader = new ResponsesEventReader();

        var e = Assert.IsType<OutputTextDeltaEvent>(reader.Read(input));

        Assert.Equal(7, e.SequenceNumber);
        Assert.Equal("msg_1", e.ItemId!.Value.ToString());
        Assert.Equal(1, e.OutputIndex);
        Assert.Equal(0, e.ContentIndex);
        Assert.Equal("Hi", e.Delta!.Value.ToString());
        Assert.Null(e.Logprobs);
        Assert.Null(e.Obfuscation);
        Assert.True(e.ExtensionData.TryGetValue("new_member", out RawJson extra));
        Assert.Equal("""{"a":[1]}""", extra.ToString());

        // The explicit null is kept: written back as null, not dropped.
        Assert.Contains("\"logprobs\":null", ResponsesEventJson.ToJsonString(e));
    }

    [Theory]
    [MemberData(nameof(ReadOnlySequenceFactory.Standard), MemberType = typeof(ReadOnlySequenceFactory))]
    public void ReadsANullStringInServerOrder(string factory)
    {
        const string Json =
            """{"type":"response.function_call_arguments.delta","sequence_number":3,"item_id":"fc_1","output_index":0,"delta":null,"obfuscation":"x"}""";
        ReadOnlySequence<byte> input = ReadOnlySequenceFactory.ByName(factory).Create(Encoding.UTF8.GetBytes(Json));
        using var reader = new ResponsesEventReader();

        var e = Assert.IsType<FunctionCallArgumentsDeltaEvent>(reader.Read(input));

        Assert.Equal(3, e.SequenceNumber);
        Assert.Equal("fc_1", e.ItemId!.Value.ToString());
        Assert.Null(e.Delta);
        Assert.Equal("x", e.Obfuscation!.Value.ToString());
        Assert.Equal(
            """{"type":"response.function_call_arguments.delta","item_id":"fc_1","output_index":0,"delta":null,"obfuscation":"x","sequence_number":3}""",
            ResponsesEventJson.ToJsonString(e));
    }

    [Theory]
    [MemberData(nameof(ReadOnlySequenceFactory.Standard), MemberType = typeof(ReadOnlySequenceFactory))]
    public void AReusedInstanceKeepsNothingOfTheEventBefore(string factory)
    {
        // The fast path ends at the closing brace without the general loop: it must still clear the extension data and
        // every member the event before had.
        string[] stream =
        [
            """{"type":"response.function_call_arguments.delta","sequence_number":1,"item_id":"fc_1","output_index":2,"delta":"{","obfuscation":"o","new_member":true}""",
            """{"type":"response.function_call_arguments.delta","sequence_number":2,"delta":"}"}""",
            """{"type":"response.function_call_arguments.delta","item_id":"fc_1","new_member":false,"delta":"x"}""",
        ];
        using var reader = new ResponsesEventReader();
        var results = new List<string>();
        foreach (string json in stream)
        {
            ReadOnlySequence<byte> input = ReadOnlySequenceFactory.ByName(factory).Create(Encoding.UTF8.GetBytes(json));
            results.Add(ResponsesEventJson.ToJsonString(reader.Read(input)));
        }

        Assert.Equal(
            [
                """{"type":"response.function_call_arguments.delta","item_id":"fc_1","output_index":2,"delta":"{","obfuscation":"o","sequence_number":1,"new_member":true}""",
                """{"type":"response.function_call_arguments.delta","delta":"}","sequence_number":2}""",
                """{"type":"response.function_call_arguments.delta","item_id":"fc_1","delta":"x","new_member":false}""",
            ],
            results);
    }

    [Theory]
    [MemberData(nameof(ReadOnlySequenceFactory.Standard), MemberType = typeof(ReadOnlySequenceFactory))]
    public void AnUnknownTypeReadInPlaceIsKeptWhole(string factory)
    {
        const string Json = """{"type":"response.output_text.delta_v2","sequence_number":7,"delta":"Hi"}""";
        ReadOnlySequence<byte> input = ReadOnlySequenceFactory.ByName(factory).Create(Encoding.UTF8.GetBytes(Json));
        using var reader = new ResponsesEventReader();

        var e = Assert.IsType<UnknownEvent>(reader.Read(input));

        Assert.Equal("response.output_text.delta_v2", e.Type);
        Assert.Equal(Json, ResponsesEventJson.ToJsonString(e));
    }

    [Theory]
    [MemberData(nameof(ReadOnlySequenceFactory.Standard), MemberType = typeof(ReadOnlySequenceFactory))]
    public void RejectsAMalformedValueAfterAMatchedName(string factory)
    {
        const string Json = """{"type":"response.output_text.delta","sequence_number":7,"item_id":msg_1}""";
        ReadOnlySequence<byte> input = ReadOnlySequenceFactory.ByName(factory).Create(Encoding.UTF8.GetBytes(Json));
        using var reader = new ResponsesEventReader();

        Assert.Throws<ProtocolJsonException>(() => reader.Read(input));
    }
    [Theory]
    [InlineData("2147483647", 2147483647)]
    [InlineData("-1", -1)]
    [InlineData("3.0", 3)]
    [InlineData("5 ", 5)]
    public void ReadsIntegersTheFastPathLeavesToTheGeneralOne(string number, int expected)
    {
        string json = """{"type":"response.output_text.delta","sequence_number":""" + number + ""","output_index":""" + number + "}";
        foreach (object[] factory in ReadOnlySequenceFactory.Standard)
        {
            ReadOnlySequence<byte> input = ReadOnlySequenceFactory.ByName((string)factory[0]).Create(Encoding.UTF8.GetBytes(json));
            using var reader = new ResponsesEventReader();

            var e = Assert.IsType<OutputTextDeltaEvent>(reader.Read(input));

            Assert.Equal(expected, e.SequenceNumber);
            Assert.Equal(expected, e.OutputIndex);
        }
    }
}
