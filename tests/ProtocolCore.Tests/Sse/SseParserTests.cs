using System.Buffers;
using System.Collections.Generic;
using System.Text;
using ProtocolCore.Sse;

namespace ProtocolCore.Tests.Sse;

public class SseParserTests
{
    private static List<(string Name, string Data)> ParseAll(ReadOnlySequence<byte> input, int maxEventBytes = 1 << 20)
    {
        var events = new List<(string, string)>();
        using var assembler = new SseEventAssembler(maxEventBytes);
        ReadOnlySequence<byte> buffer = input;
        while (SseLineReader.TryReadLine(ref buffer, isFinalBlock: true, out ReadOnlySequence<byte> line))
        {
            if (assembler.AddLine(line))
            {
                events.Add((Encoding.UTF8.GetString(assembler.EventName), Encoding.UTF8.GetString(assembler.Data.Span)));
            }
        }

        if (assembler.Flush())
        {
            events.Add((Encoding.UTF8.GetString(assembler.EventName), Encoding.UTF8.GetString(assembler.Data.Span)));
        }

        return events;
    }

    [Theory]
    [MemberData(nameof(ReadOnlySequenceFactory.Standard), MemberType = typeof(ReadOnlySequenceFactory))]
    public void ParsesEventsWithEveryLineEnding(string factory)
    {
        string stream = "event: a\r\ndata: {\"x\":1}\r\n\r\n: keep-alive\n\nevent:b\rdata:first\rdata: second\r\rdata: [DONE]\n\n";
        var events = ParseAll(ReadOnlySequenceFactory.ByName(factory).Create(Encoding.UTF8.GetBytes(stream)));

        Assert.Equal(new[] { ("a", "{\"x\":1}"), ("b", "first\nsecond"), (string.Empty, "[DONE]") }, events);
    }

    [Theory]
    [MemberData(nameof(ReadOnlySequenceFactory.Standard), MemberType = typeof(ReadOnlySequenceFactory))]
    public void DispatchesALastEventWithoutBlankLineAtEndOfStream(string factory)
    {
        var events = ParseAll(ReadOnlySequenceFactory.ByName(factory).Create("data: tail"u8));

        Assert.Equal(new[] { (string.Empty, "tail") }, events);
    }

    [Fact]
    public void WaitsForTheByteAfterATrailingCarriageReturn()
    {
        ReadOnlySequence<byte> buffer = new("data: x\r"u8.ToArray());

        Assert.False(SseLineReader.TryReadLine(ref buffer, isFinalBlock: false, out _));
        Assert.True(SseLineReader.TryReadLine(ref buffer, isFinalBlock: true, out ReadOnlySequence<byte> line));
        Assert.Equal("data: x", Encoding.UTF8.GetString(line.ToArray()));
    }

    [Fact]
    public void RejectsAnEventLargerThanTheLimit()
    {
        Assert.Throws<SseFormatException>(() => ParseAll(new ReadOnlySequence<byte>("data: 0123456789\ndata: 0123456789\n\n"u8.ToArray()), maxEventBytes: 16));
    }
}
