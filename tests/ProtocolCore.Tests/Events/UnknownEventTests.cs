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

    [Fact]
    public void JsonWrappedByHandNeedNotBeValid()
    {
        var e = new UnknownEvent("vendor.thing", new RawJson("{\"sequence_number\":"u8.ToArray()));

        Assert.Null(e.SequenceNumber);
    }
}
