using System.Collections.Generic;
using ProtocolCore.Json;
using ProtocolCore.Models;
using ProtocolCore.Requests;
using ProtocolCore.Tests.Fixtures;
using Xunit;
using static ProtocolCore.Tests.Models.JsonTestHelpers;

namespace ProtocolCore.Tests.Models;

public class ResponseCreateRequestTests
{
    public static IEnumerable<object[]> Factories => ReadOnlySequenceFactory.Standard;

    [Fact]
    public void WritesTheStringInputForm()
    {
        var request = new ResponseCreateRequest
        {
            Model = "gpt-5",
            Input = "hi",
            Store = false,
            StreamId = "lane-1",
        };

        Assert.Equal("""{"type":"response.create","stream_id":"lane-1","model":"gpt-5","input":"hi","store":false}""", Write(request));
    }

    [Fact]
    public void WritesItemsToolsAndContinuation()
    {
        var request = new ResponseCreateRequest
        {
            Model = "gpt-5",
            PreviousResponseId = "resp_1",
            Generate = false,
            Input = new List<InputItem>
            {
                new Message { Role = MessageRole.User, Content = new MessageContent([new InputTextContent { Text = "weather?" }]) },
                new FunctionCallOutput { CallId = "call_1", Output = "sunny" },
                new ItemReference { Id = "msg_1" },
            },
            Tools = [new FunctionTool { Name = "weather", Parameters = RawJson.Parse("""{"type":"object"}"""), Strict = true }],
            Include = ["reasoning.encrypted_content"],
            ToolChoice = RawJson.Parse("\"auto\""),
        };

        Assert.Equal(
            """{"type":"response.create","model":"gpt-5","input":[{"type":"message","role":"user","content":[{"type":"input_text","text":"weather?"}]},{"type":"function_call_output","call_id":"call_1","output":"sunny"},{"type":"item_reference","id":"msg_1"}],"previous_response_id":"resp_1","generate":false,"tools":[{"type":"function","name":"weather","parameters":{"type":"object"},"strict":true}],"tool_choice":"auto","include":["reasoning.encrypted_content"]}""",
            Write(request));
    }

    [Theory]
    [MemberData(nameof(Factories))]
    public void RoundTripsEveryField(string factory)
    {
        const string Json = """
            {"type":"response.create","stream_id":"s","model":"gpt-5","instructions":"be brief","previous_response_id":"resp_0",
             "store":false,"generate":true,"parallel_tool_calls":true,"max_tool_calls":3,"max_output_tokens":100,
             "include":["message.output_text.logprobs"],"metadata":{"k":"v"},"temperature":0.7,"top_p":1,"top_logprobs":2,
             "reasoning":{"effort":"xhigh","summary":"auto"},"text":{"format":{"type":"text"},"verbosity":"low"},
             "truncation":"auto","service_tier":"priority","user":"u","safety_identifier":"sid","prompt_cache_key":"pk",
             "prompt_cache_retention":"24h","prompt":{"id":"p","version":"2"},"stream":true,"stream_options":{"include_obfuscation":false},
             "conversation":"conv_1","context_management":[{"type":"compaction","compact_threshold":1000}],"background":false,
             "tool_choice":{"type":"function","name":"f"},
             "tools":[{"type":"web_search","search_context_size":"low"},{"type":"mcp","server_label":"x","server_url":"https://m.example","require_approval":"never"},{"type":"brand_new_tool","z":1}],
             "input":[
               {"type":"message","role":"developer","content":"rules"},
               {"role":"user","content":"short form"},
               {"type":"message","role":"assistant","content":[{"type":"output_text","text":"ok","annotations":[]}],"phase":"final_answer"},
               {"type":"reasoning","id":"rs_1","summary":[{"type":"summary_text","text":"s"}],"encrypted_content":"enc"},
               {"type":"function_call","call_id":"c","name":"f","arguments":"{}"},
               {"type":"function_call_output","call_id":"c","output":[{"type":"input_text","text":"t"},{"type":"input_image","image_url":"data:x","detail":"auto"}]},
               {"type":"custom_tool_call_output","call_id":"d","output":"done"},
               {"type":"compaction","encrypted_content":"e"},{"type":"compaction_trigger"},{"type":"item_reference","id":"i"}
             ],
             "future_field":{"a":1}}
            """;

        ResponseCreateRequest request = Read<ResponseCreateRequest>(Json, factory);

        Assert.Equal("rules", Assert.IsType<Message>(request.Input!.Items![0]).Content!.Text);
        Assert.IsType<UnknownInputItem>(request.Input.Items[1]);
        Assert.True(request.Reasoning!.Effort!.Value.Is(ReasoningEffort.Xhigh));
        Assert.True(request.PromptCacheRetention!.Value.Is(PromptCacheRetention.Hours24));
        Assert.IsType<UnknownTool>(request.Tools![2]);
        Assert.True(JsonDeepEqual.Equal(System.Text.Encoding.UTF8.GetBytes(Json), System.Text.Encoding.UTF8.GetBytes(Write(request)), out string difference), difference);
    }

    [Fact]
    public void ExplicitNullsAreWrittenBack()
    {
        // In declaration order, so the written text can be compared exactly.
        const string Json = """{"type":"response.create","input":"x","instructions":null,"previous_response_id":null}""";

        Assert.Equal(Json, Write(Read<ResponseCreateRequest>(Json, "SingleSegment")));
    }

    [Fact]
    public void WritesASteer()
    {
        var steer = new ResponseSteerRequest { PreviousResponseId = "resp_1", Input = "also check the tests" };

        Assert.Equal("""{"type":"response.steer","previous_response_id":"resp_1","input":"also check the tests"}""", Write(steer));
    }

    [Fact]
    public void WritesAnInject()
    {
        var inject = new ResponseInjectRequest { ResponseId = "resp_1", Input = "a note from agent B", StreamId = "agent_a" };

        Assert.Equal("""{"type":"response.inject","response_id":"resp_1","input":"a note from agent B","stream_id":"agent_a"}""", Write(inject));
    }
}
