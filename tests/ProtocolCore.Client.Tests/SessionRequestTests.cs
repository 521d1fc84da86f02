using System;
using System.Collections.Generic;
using System.Reflection;
using System.Text.Json.Nodes;
using ProtocolCore.Client;
using ProtocolCore.Events;
using ProtocolCore.Json;
using ProtocolCore.Models;
using ProtocolCore.Requests;
using Xunit;

namespace ProtocolCore.Client.Tests;

/// <summary>A session's request for a turn (built by its chain state) carries every member of its template: none is dropped on the way.</summary>
public class SessionRequestTests
{
    /// <summary>Every member of <c>response.create</c> set, plus one the model does not declare (extension data).</summary>
    private const string FullTemplate = """
        {
          "type": "response.create", "stream_id": "lane-1", "model": "gpt-5.5", "instructions": "Be brief.", "store": true,
          "tools": [{"type": "function", "name": "f", "parameters": {"type": "object"}}], "tool_choice": "auto",
          "parallel_tool_calls": false, "max_tool_calls": 3, "max_output_tokens": 100, "include": ["reasoning.encrypted_content"],
          "metadata": {"k": "v"}, "temperature": 0.5, "top_p": 0.9, "top_logprobs": 2, "reasoning": {"effort": "low"},
          "text": {"verbosity": "low"}, "truncation": "auto", "service_tier": "flex", "user": "u", "safety_identifier": "s",
          "prompt_cache_key": "pck", "prompt_cache_retention": "24h", "prompt_cache_options": {"a": 1},
          "prompt": {"id": "pmpt_1"}, "background": false, "stream": true, "stream_options": {"include_obfuscation": false},
          "conversation": "conv_1", "context_management": [{"type": "compaction"}], "moderation": {"a": 2},
          "x_future_member": {"b": 3}
        }
        """;

    /// <summary>Set per turn by the session, so the template's values are not expected in the request.</summary>
    private static readonly HashSet<string> s_perTurn = ["Input", "PreviousResponseId", "Generate"];

    [Fact]
    public void TheTemplateUsed_SetsEveryMember()
    {
        // Guards the test below: a member added to the model must be added to FullTemplate, or this fails.
        ResponseCreateRequest template = ProtocolJson.Parse<ResponseCreateRequest>(FullTemplate);
        foreach (PropertyInfo property in typeof(ResponseCreateRequest).GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.SetMethod is { IsPublic: true } && !s_perTurn.Contains(property.Name))
            {
                object? value = property.GetValue(template);
                Assert.False(value is null || (property.PropertyType.IsValueType && value.Equals(Activator.CreateInstance(property.PropertyType))), $"FullTemplate does not set {property.Name}.");
            }
        }
    }

    [Theory]
    [InlineData(true, false)]
    [InlineData(false, false)]
    [InlineData(true, true)]
    [InlineData(false, true)]
    public void EveryTemplateMember_ReachesTheRequest(bool chain, bool reused)
    {
        ResponseCreateRequest template = ProtocolJson.Parse<ResponseCreateRequest>(FullTemplate);
        List<InputItem> items = [new Message { Role = MessageRole.User, Content = new MessageContent([new InputTextContent { Text = "hi" }]) }];
        var conversation = new ConversationChain();
        ChainSite site = ChainSite.ExclusiveSlot(new ChainPlace(1, template.StreamId));
        if (chain)
        {
            // A first turn on the same slot gives the request a response to chain from.
            ChainPlan first = conversation.Plan(template, site);
            Assert.Equal(ChainCommit.Committed, conversation.Commit(first, items, new ResponseCompletedEvent { Response = new Response { Id = "resp_1" } }, []));
        }

        ChainPlan plan = conversation.Plan(template, site);
        // The session's own request object, filled per attempt (CopyFrom), must carry every member as a copy does.
        ResponseCreateRequest? into = reused ? new ResponseCreateRequest() : null;
        ResponseCreateRequest request = conversation.BuildRequest(template, plan, items, generate: true, into);
        Assert.Equal(chain ? "resp_1" : null, request.PreviousResponseId);
        if (reused)
        {
            Assert.Same(into, request);
        }

        JsonObject expected = JsonNode.Parse(FullTemplate)!.AsObject();
        JsonObject actual = JsonNode.Parse(ProtocolJson.ToUtf8Bytes(request))!.AsObject();
        Assert.NotNull(actual["input"]);
        foreach (string perTurn in (string[])["input", "previous_response_id", "generate"])
        {
            expected.Remove(perTurn);
            actual.Remove(perTurn);
        }

        Assert.True(JsonNode.DeepEquals(expected, actual), $"expected {expected.ToJsonString()}\nactual   {actual.ToJsonString()}");
        Assert.Same(template.Tools, request.Tools);
    }

    [Fact]
    public void AReusedRequest_KeepsNothingOfTheLastTemplate()
    {
        // Filled from a template with every member, then from one with only a model: nothing of the first may remain.
        var conversation = new ConversationChain();
        ChainSite site = ChainSite.ExclusiveSlot(new ChainPlace(1, null));
        var into = new ResponseCreateRequest();
        ResponseCreateRequest full = ProtocolJson.Parse<ResponseCreateRequest>(FullTemplate);
        conversation.BuildRequest(full, conversation.Plan(full, site), [], generate: true, into);
        var small = new ResponseCreateRequest { Model = "gpt-5" };
        ResponseCreateRequest request = conversation.BuildRequest(small, conversation.Plan(small, site), [], generate: true, into);

        JsonObject actual = JsonNode.Parse(ProtocolJson.ToUtf8Bytes(request))!.AsObject();
        actual.Remove("input");
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"type": "response.create", "model": "gpt-5"}"""), actual), actual.ToJsonString());
    }
}
