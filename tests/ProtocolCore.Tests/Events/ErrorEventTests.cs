using System.Buffers;
using System.Text;
using ProtocolCore.Events;
using Xunit;

namespace ProtocolCore.Tests.Events;

public class ErrorEventTests
{
    private const string Flat = """{"type":"error","code":"rate_limit_exceeded","message":"Slow down","param":null,"sequence_number":4}""";

    // Both in the writer's member order, so the written text is compared exactly.
    private const string Nested =
        """{"type":"error","error":{"type":"tokens","code":"rate_limit_exceeded","message":"Slow down","param":null,"headers":{"retry-after":"2"}},"status":429,"stream_id":"lane-2"}""";

    [Theory]
    [MemberData(nameof(ReadOnlySequenceFactory.Standard), MemberType = typeof(ReadOnlySequenceFactory))]
    public void ReadsTheFlatSseForm(string factory)
    {
        using var reader = new ResponsesEventReader();

        var e = Assert.IsType<ErrorEvent>(reader.Read(Create(factory, Flat)));

        Assert.Equal("rate_limit_exceeded", e.Code!.Value.ToString());
        Assert.Equal("Slow down", e.Message!.Value.ToString());
        Assert.Null(e.Param);
        Assert.Null(e.Error);
        Assert.Equal(4, e.SequenceNumber);
        Assert.Equal(Flat, ResponsesEventJson.ToJsonString(e));
    }

    [Theory]
    [MemberData(nameof(ReadOnlySequenceFactory.Standard), MemberType = typeof(ReadOnlySequenceFactory))]
    public void ReadsTheNestedWebSocketForm(string factory)
    {
        using var reader = new ResponsesEventReader();

        var e = Assert.IsType<ErrorEvent>(reader.Read(Create(factory, Nested)));

        Assert.Equal(429, e.Status);
        Assert.Equal("tokens", e.Error!.Type);
        Assert.Equal("rate_limit_exceeded", e.Error.Code);
        Assert.Equal("2", e.Error.Headers!["retry-after"]);
        Assert.Equal("lane-2", e.StreamId!.Value.ToString());
        Assert.Null(e.Code);
        Assert.Equal(Nested, ResponsesEventJson.ToJsonString(e));
    }

    [Fact]
    public void ReadsTopLevelHeaders()
    {
        const string Json = """{"type":"error","error":{"type":"usage_limit_reached","message":"m"},"status":429,"headers":{"x-codex-plan":"plus"}}""";

        var e = Assert.IsType<ErrorEvent>(ResponsesEventReader.Parse(Json));

        Assert.Equal("plus", e.Headers!["x-codex-plan"]);
        Assert.Equal(Json, ResponsesEventJson.ToJsonString(e));
    }

    [Fact]
    public void ReusedNestedObjectIsResetBetweenDecodes()
    {
        using var reader = new ResponsesEventReader();
        var first = Assert.IsType<ErrorEvent>(reader.Read(Encoding.UTF8.GetBytes(Nested)));
        Assert.NotNull(first.Error!.Headers);

        var second = Assert.IsType<ErrorEvent>(reader.Read(Encoding.UTF8.GetBytes("""{"type":"error","error":{"message":"m"}}""")));

        // Same instances (the view path reuses them), but nothing of the first decode survives.
        Assert.Same(first, second);
        Assert.Equal("m", second.Error!.Message);
        Assert.Null(second.Error.Headers);
        Assert.Null(second.Error.Code);
        Assert.Null(second.Status);
        Assert.Equal("""{"type":"error","error":{"message":"m"}}""", ResponsesEventJson.ToJsonString(second));
    }

    [Fact]
    public void OwnedParsesDoNotShareNestedObjects()
    {
        var a = Assert.IsType<ErrorEvent>(ResponsesEventReader.Parse(Nested));
        var b = Assert.IsType<ErrorEvent>(ResponsesEventReader.Parse(Nested));

        Assert.NotSame(a.Error, b.Error);
    }

    private static ReadOnlySequence<byte> Create(string factory, string json) =>
        ReadOnlySequenceFactory.ByName(factory).Create(Encoding.UTF8.GetBytes(json));
}
