using System.Buffers;
using System.Text;
using ProtocolCore.Events;
using ProtocolCore.Json;

namespace ProtocolCore.Tests.Events;

public class DeltaEventTests
{
    private const string Delta =
        """{"type":"response.output_text.delta","content_index":0,"delta":"Hi \"there\" \u00e9","item_id":"msg_1","logprobs":[],"obfuscation":"abc","output_index":1,"sequence_number":7,"extra":{"a":[1,2]}}""";

    [Theory]
    [MemberData(nameof(ReadOnlySequenceFactory.Standard), MemberType = typeof(ReadOnlySequenceFactory))]
    public void ReadsEveryMember(string factory)
    {
        ReadOnlySequence<byte> input = ReadOnlySequenceFactory.ByName(factory).Create(Encoding.UTF8.GetBytes(Delta));
        using var reader = new ResponsesEventReader();

        var e = Assert.IsType<OutputTextDeltaEvent>(reader.Read(input));

        Assert.Equal(ResponsesEventKind.OutputTextDelta, e.Kind);
        Assert.Equal("Hi \"there\" é", e.Delta!.Value.ToString());
        Assert.Equal("msg_1", e.ItemId!.Value.ToString());
        Assert.Equal(1, e.OutputIndex);
        Assert.Equal(0, e.ContentIndex);
        Assert.Equal(7, e.SequenceNumber);
        Assert.Empty(e.Logprobs!);
        Assert.True(e.ExtensionData.TryGetValue("extra", out RawJson extra));
        Assert.Equal("""{"a":[1,2]}""", extra.ToString());
    }

    [Fact]
    public void ReencodesToTheSameMembers()
    {
        ResponsesEvent e = ResponsesEventReader.Parse(Delta);

        string json = ResponsesEventJson.ToJsonString(e);

        Assert.Equal(
            """{"type":"response.output_text.delta","item_id":"msg_1","output_index":1,"content_index":0,"delta":"Hi \"there\" é","logprobs":[],"obfuscation":"abc","sequence_number":7,"extra":{"a":[1,2]}}""",
            json);
    }
}
