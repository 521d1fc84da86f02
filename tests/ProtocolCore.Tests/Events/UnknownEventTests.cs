using ProtocolCore.Events;
using ProtocolCore.Json;

namespace ProtocolCore.Tests.Events;

public class UnknownEventTests
{
    [Theory]
    [InlineData("""{"type":"vendor.thing","data":{"sequence_number":9},"sequence_number":4}""", 4)]
    [InlineData("""{"sequence_number":12,"type":"vendor.thing"}""", 12)]
    [InlineData("""{"type":"vendor.thing"}""", null)]
    [InlineData("""{"type":"vendor.thing","sequence_number":"7"}""", null)]
    public void KeepsItsTopLevelSequenceNumber(string json, int? expected)
    {
        var e = Assert.IsType<UnknownEvent>(ResponsesEventReader.Parse(json));

        Assert.Equal(expected, e.SequenceNumber);
        Assert.Equal(json, ResponsesEventJson.ToJsonString(e));
    }

    [Theory]
    [InlineData("""{"type":42,"sequence_number":1}""")]
    [InlineData("""{"sequence_number":1,"type":null}""")]
    [InlineData("""{"type":{"name":"response.completed"}}""")]
    [InlineData("""{"type":["response.completed"]}""")]
    public void ATypeThatIsNotAStringIsMalformedNotUnknown(string json)
    {
        ProtocolJsonException owned = Assert.Throws<ProtocolJsonException>(() => ResponsesEventReader.Parse(json));
        Assert.Contains("\"type\" must be a string", owned.Message, System.StringComparison.Ordinal);

        using var reader = new ResponsesEventReader();
        Assert.Throws<ProtocolJsonException>(() => reader.Read(System.Text.Encoding.UTF8.GetBytes(json)));
    }

    [Fact]
    public void JsonWrappedByHandNeedNotBeValid()
    {
        var e = new UnknownEvent("vendor.thing", new RawJson("{\"sequence_number\":"u8.ToArray()));

        Assert.Null(e.SequenceNumber);
    }
}
