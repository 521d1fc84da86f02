using System;
using System.Collections.Generic;
using System.Reflection;
using System.Text.Json.Nodes;
using ProtocolCore.Client;
using ProtocolCore.Json;
using ProtocolCore.Models;
using ProtocolCore.Requests;
using Xunit;

namespace ProtocolCore.Client.Tests;

/// <summary>A session's request for a turn carries every member of its template: none is dropped on the way.</summary>
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
    [InlineData(true)]
    [InlineData(false)]
    public void EveryTemplateMember_ReachesTheRequest(bool chain)
    {
        ResponseCreateRequest template = ProtocolJson.Parse<ResponseCreateRequest>(FullTemplate);
        var session = new ResponsesSession(new ResponsesClientOptions { BaseUrl = new Uri("http://127.0.0.1:1/v1/"), ApiKey = "test-key-0123" }, template);
        List<InputItem> items = [new Message { Role = MessageRole.User, Content = new MessageContent([new InputTextContent { Text = "hi" }]) }];

        ResponseCreateRequest request = session.BuildRequest(items, generate: true, chain);

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
}
