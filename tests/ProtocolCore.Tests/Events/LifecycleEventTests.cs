using ProtocolCore.Events;
using ProtocolCore.Models;
using Xunit;

namespace ProtocolCore.Tests.Events;

public class LifecycleEventTests
{
    [Theory]
    [InlineData("response.created", "in_progress")]
    [InlineData("response.in_progress", "in_progress")]
    [InlineData("response.queued", "queued")]
    [InlineData("response.completed", "completed")]
    [InlineData("response.failed", "failed")]
    [InlineData("response.incomplete", "incomplete")]
    [InlineData("response.done", "completed")]
    public void EveryLifecycleEventExposesTheResponse(string type, string status)
    {
        string json = """{"type":"TYPE","sequence_number":0,"response":{"id":"resp_1","object":"response","created_at":1769000000,"status":"STATUS","output":[],"usage":{"input_tokens":5,"input_tokens_details":{"cached_tokens":0},"output_tokens":2,"output_tokens_details":{"reasoning_tokens":0},"total_tokens":7},"billing":{"payer":"developer"}}}""".Replace("TYPE", type, System.StringComparison.Ordinal).Replace("STATUS", status, System.StringComparison.Ordinal);

        ResponsesEvent e = ResponsesEventReader.Parse(json);

        var lifecycle = Assert.IsAssignableFrom<IResponseLifecycleEvent>(e);
        Response response = lifecycle.Response!;
        Assert.Equal("resp_1", response.Id);
        Assert.Equal(1769000000L, response.CreatedAt);
        Assert.Equal(status, ResponseStatusJson.ToJsonString(response.Status!.Value.Value));
        Assert.Equal(7, response.Usage!.TotalTokens);
        Assert.Null(response.Usage.InputTokensDetails!.CacheWriteTokens);
        Assert.True(response.ExtensionData.TryGetValue("billing", out _));
    }
}
