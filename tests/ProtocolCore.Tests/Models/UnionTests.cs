using System.Collections.Generic;
using ProtocolCore.Events;
using ProtocolCore.Json;
using ProtocolCore.Models;
using Xunit;
using static ProtocolCore.Tests.Models.JsonTestHelpers;

namespace ProtocolCore.Tests.Models;

/// <summary>
/// For every union: an unknown kind becomes the fallback and is written back byte for byte (whitespace included), and a
/// known kind dispatches wherever its <c>"type"</c> member is.
/// </summary>
public class UnionTests
{
    // Odd spacing and escapes: only a verbatim copy reproduces it.
    private const string Unknown = """{ "id" : "x_1", "nested" : {"a": [1, 2.50, "\u00e9", null]}, "type" : "brand_new_kind" }""";

    public static IEnumerable<object[]> Factories => ReadOnlySequenceFactory.Standard;

    [Theory]
    [MemberData(nameof(Factories))]
    public void OutputItem(string factory)
    {
        var unknown = Assert.IsType<UnknownOutputItem>(Read<OutputItem>(Unknown, factory));
        Assert.Equal(InputItemKind.Unknown, unknown.Kind);
        Assert.Equal("brand_new_kind", unknown.Type);
        Assert.Equal(Unknown, Write<OutputItem>(unknown));

        var call = Assert.IsType<FunctionCall>(Read<OutputItem>(
            """{"id":"fc_1","arguments":"{\"a\":1}","call_id":"call_1","name":"get","status":"completed","type":"function_call","new":true}""", factory));
        Assert.Equal(InputItemKind.FunctionCall, call.Kind);
        Assert.Equal("{\"a\":1}", call.Arguments);
        Assert.Equal("call_1", call.CallId);
        Assert.True(call.Status!.Value.Is(ItemStatus.Completed));
        Assert.Equal(
            """{"type":"function_call","id":"fc_1","call_id":"call_1","name":"get","arguments":"{\"a\":1}","status":"completed","new":true}""",
            Write<OutputItem>(call));
    }

    [Theory]
    [MemberData(nameof(Factories))]
    public void OutputContent(string factory)
    {
        var unknown = Assert.IsType<UnknownOutputContent>(Read<OutputContent>(Unknown, factory));
        Assert.Equal(InputContentKind.Unknown, unknown.Kind);
        Assert.Equal(Unknown, Write<OutputContent>(unknown));

        var text = Assert.IsType<OutputTextContent>(Read<OutputContent>(
            """{"annotations":[{"url":"https://a.example","start_index":1,"end_index":5,"title":"A","type":"url_citation"}],"text":"hi","type":"output_text","logprobs":[]}""", factory));
        Assert.Equal("hi", text.Text);
        var citation = Assert.IsType<UrlCitation>(Assert.Single(text.Annotations!));
        Assert.Equal(5, citation.EndIndex);
        Assert.Empty(text.Logprobs!);
    }

    [Theory]
    [MemberData(nameof(Factories))]
    public void Annotation(string factory)
    {
        var unknown = Assert.IsType<UnknownAnnotation>(Read<Annotation>(Unknown, factory));
        Assert.Equal(AnnotationKind.Unknown, unknown.Kind);
        Assert.Equal(Unknown, Write<Annotation>(unknown));

        var path = Assert.IsType<FilePathAnnotation>(Read<Annotation>("""{"file_id":"file_1","index":3,"type":"file_path"}""", factory));
        Assert.Equal("file_1", path.FileId);
        Assert.Equal(3, path.Index);
    }

    [Theory]
    [MemberData(nameof(Factories))]
    public void CodeInterpreterOutput(string factory)
    {
        var unknown = Assert.IsType<UnknownCodeInterpreterOutput>(Read<CodeInterpreterOutput>(Unknown, factory));
        Assert.Equal(Unknown, Write<CodeInterpreterOutput>(unknown));

        var logs = Assert.IsType<CodeInterpreterLogs>(Read<CodeInterpreterOutput>("""{"logs":"ok\n","type":"logs"}""", factory));
        Assert.Equal("ok\n", logs.Logs);
    }

    [Theory]
    [MemberData(nameof(Factories))]
    public void WebSearchAction(string factory)
    {
        var unknown = Assert.IsType<UnknownWebSearchAction>(Read<WebSearchAction>(Unknown, factory));
        Assert.Equal(Unknown, Write<WebSearchAction>(unknown));

        var open = Assert.IsType<WebSearchOpenPageAction>(Read<WebSearchAction>("""{"url":"https://a.example","type":"open_page"}""", factory));
        Assert.Equal("https://a.example", open.Url);
    }

    [Theory]
    [MemberData(nameof(Factories))]
    public void Tool(string factory)
    {
        var unknown = Assert.IsType<UnknownTool>(Read<Tool>(Unknown, factory));
        Assert.Equal(ToolKind.Unknown, unknown.Kind);
        Assert.Equal(Unknown, Write<Tool>(unknown));

        const string Schema = """{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}""";
        var function = Assert.IsType<FunctionTool>(Read<Tool>(
            """{"name":"weather","parameters":""" + Schema + ""","strict":true,"type":"function"}""", factory));
        Assert.Equal("weather", function.Name);
        Assert.True(function.Strict);
        Assert.Equal(Schema, function.Parameters!.Value.ToString());
    }

    [Theory]
    [MemberData(nameof(Factories))]
    public void InputContent(string factory)
    {
        var unknown = Assert.IsType<UnknownInputContent>(Read<InputContent>(Unknown, factory));
        Assert.Equal(Unknown, Write<InputContent>(unknown));

        var image = Assert.IsType<InputImageContent>(Read<InputContent>("""{"image_url":"data:x","detail":"high","type":"input_image"}""", factory));
        Assert.True(image.Detail!.Value.Is(ImageDetail.High));
    }

    [Theory]
    [MemberData(nameof(Factories))]
    public void InputItem(string factory)
    {
        var unknown = Assert.IsType<UnknownInputItem>(Read<InputItem>(Unknown, factory));
        Assert.Equal(InputItemKind.Unknown, unknown.Kind);
        Assert.Equal(Unknown, Write<InputItem>(unknown));

        // The short message form has no "type": it is kept verbatim rather than guessed.
        const string Short = """{"role":"user","content":"hi"}""";
        var untyped = Assert.IsType<UnknownInputItem>(Read<InputItem>(Short, factory));
        Assert.Equal(string.Empty, untyped.Type);
        Assert.Equal(Short, Write<InputItem>(untyped));

        var output = Assert.IsType<FunctionCallOutput>(Read<InputItem>("""{"call_id":"call_1","output":"42","type":"function_call_output"}""", factory));
        Assert.Equal("call_1", output.CallId);
        Assert.Equal("42", output.Output!.Text);
    }

    [Theory]
    [MemberData(nameof(Factories))]
    public void OutputKindsReadAsInputAreTheSameTypes(string factory)
    {
        // One model per wire shape: an input array holds the very types a response outputs.
        const string Call = """{"type":"function_call","id":"fc_1","call_id":"call_1","name":"get","arguments":"{}","status":"completed","caller":{"type":"program","id":"p_1"}}""";
        var call = Assert.IsType<FunctionCall>(Read<InputItem>(Call, factory));
        Assert.Equal(InputItemKind.FunctionCall, call.Kind);
        Assert.Equal(Call, Write<InputItem>(call));

        const string Assistant = """{"type":"message","id":"msg_1","role":"assistant","content":[{"type":"output_text","text":"hi","annotations":[],"logprobs":[]},{"type":"refusal","refusal":"no"}],"status":"completed"}""";
        var message = Assert.IsType<Message>(Read<InputItem>(Assistant, factory));
        Assert.IsType<OutputTextContent>(message.Content!.Parts![0]);
        Assert.Equal("no", Assert.IsType<RefusalContent>(message.Content.Parts[1]).Refusal);
        Assert.Equal(Assistant, Write<InputItem>(message));
        Assert.Equal(Assistant, Write<OutputItem>(Assert.IsType<Message>(Read<OutputItem>(Assistant, factory))));

        const string Reasoning = """{"type":"reasoning","id":"rs_1","summary":[{"type":"summary_text","text":"s"}],"encrypted_content":"enc"}""";
        var reasoning = Assert.IsType<ReasoningItem>(Read<InputItem>(Reasoning, factory));
        Assert.IsType<SummaryTextContent>(Assert.Single(reasoning.Summary!));
        Assert.Equal("""{"type":"reasoning","id":"rs_1","encrypted_content":"enc","summary":[{"type":"summary_text","text":"s"}]}""", Write<InputItem>(reasoning));

        // A tool output the API ran itself arrives as an output item with content parts; the client sends the same type.
        const string ToolOutput = """{"type":"custom_tool_call_output","id":"ctco_1","call_id":"call_2","output":[{"type":"input_text","text":"ok"}],"created_by":"server"}""";
        var toolOutput = Assert.IsType<CustomToolCallOutput>(Read<OutputItem>(ToolOutput, factory));
        Assert.Equal("ok", Assert.IsType<InputTextContent>(Assert.Single(toolOutput.Output!.Parts!)).Text);
        Assert.Equal(ToolOutput, Write<InputItem>(toolOutput));
    }

    [Theory]
    [MemberData(nameof(Factories))]
    public void InputOnlyKindsWhereOutputGoesAreKeptVerbatim(string factory)
    {
        // Never sent by the API, but an event carrying one must still decode and write back unchanged.
        const string Reference = """{ "type" : "item_reference", "id" : "fc_1" }""";
        Assert.IsType<ItemReference>(Read<InputItem>(Reference, factory));
        var item = Assert.IsType<UnknownOutputItem>(Read<OutputItem>(Reference, factory));
        Assert.Equal("item_reference", item.Type);
        Assert.Equal(InputItemKind.Unknown, item.Kind);
        Assert.Equal(Reference, Write<OutputItem>(item));

        const string Text = """{"text":"hi", "type":"input_text"}""";
        var part = Assert.IsType<UnknownOutputContent>(Read<OutputContent>(Text, factory));
        Assert.Equal("input_text", part.Type);
        Assert.Equal(Text, Write<OutputContent>(part));
    }

    [Theory]
    [MemberData(nameof(Factories))]
    public void ResponsesEventFallsBackAndDispatchesLate(string factory)
    {
        const string UnknownEventJson = """{ "type" : "response.brand_new", "sequence_number" : 1, "x" : {"y": [true]} }""";
        using var reader = new ResponsesEventReader();

        var unknown = Assert.IsType<UnknownEvent>(reader.Read(ReadOnlySequenceFactory.ByName(factory).Create(System.Text.Encoding.UTF8.GetBytes(UnknownEventJson))));
        Assert.Equal("response.brand_new", unknown.Type);
        Assert.Equal(UnknownEventJson, ResponsesEventJson.ToJsonString(unknown));

        const string Late = """{"item_id":"fc_1","output_index":2,"delta":"{\"a\"","sequence_number":9,"obfuscation":"pad","type":"response.function_call_arguments.delta"}""";
        var delta = Assert.IsType<FunctionCallArgumentsDeltaEvent>(reader.Read(ReadOnlySequenceFactory.ByName(factory).Create(System.Text.Encoding.UTF8.GetBytes(Late))));
        Assert.Equal("{\"a\"", delta.Delta!.Value.ToString());
        Assert.Equal(2, delta.OutputIndex);
        Assert.Equal("pad", delta.Obfuscation!.Value.ToString());
    }

    [Fact]
    public void NestedUnknownItemIsKeptInsideAKnownEvent()
    {
        // Written in the writer's member order (declared members, then the base's), so the whole event compares as text.
        const string Json = """{"type":"response.output_item.added","output_index":0,"item":{"type":"hologram_call","id":"h_1","beams":[1,2]},"sequence_number":3}""";

        var added = Assert.IsType<OutputItemAddedEvent>(ResponsesEventReader.Parse(Json));

        var item = Assert.IsType<UnknownOutputItem>(added.Item);
        Assert.Equal("hologram_call", item.Type);
        Assert.Equal(Json, ResponsesEventJson.ToJsonString(added));
    }
}
