using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using ProtocolCore.Events;
using ProtocolCore.Json;
using ProtocolCore.Models;
using ProtocolCore.Tests.Fixtures;
using Xunit;

namespace ProtocolCore.Tests.Models;

/// <summary>
/// A session replays every output item as the input item it already is. For every output item of every fixture
/// (<c>response.output_item.*</c> and the <c>output</c> of every response), that item written as an input item is byte
/// for byte what the former conversion gave (write the output item, read the bytes back as an input item, write that),
/// and reading it back as an input item lands on the same type.
/// </summary>
public class OutputItemReplayTests
{
    private const int MaxReported = 25;

    [Fact]
    public void EveryFixtureOutputItemReplaysAsTheSameJson()
    {
        var failures = new List<string>();
        int items = 0;
        foreach (string file in FixtureFiles.All())
        {
            foreach ((int line, byte[] json) in FixtureFiles.Lines(file))
            {
                foreach ((int index, OutputItem item) in OutputItems(ResponsesEventReader.Parse(json)))
                {
                    items++;
                    string where = $"{file}:{line} output item {index}";
                    InputItem replayed = item;
                    byte[] written = ProtocolJson.ToUtf8Bytes(replayed);
                    InputItem reread = ProtocolJson.Parse<InputItem>(ProtocolJson.ToUtf8Bytes(item));
                    byte[] rewritten = ProtocolJson.ToUtf8Bytes(reread);
                    if (!written.AsSpan().SequenceEqual(rewritten))
                    {
                        failures.Add($"{where}: {Encoding.UTF8.GetString(written)} != {Encoding.UTF8.GetString(rewritten)}");
                    }

                    bool sameType = item is UnknownOutputItem ? reread is UnknownInputItem : reread.GetType() == item.GetType();
                    if (!sameType)
                    {
                        failures.Add($"{where}: read back as {reread.GetType().Name}, output as {item.GetType().Name}");
                    }
                }
            }
        }

        Assert.True(items > 0, "The fixtures hold no output items.");
        Assert.True(failures.Count == 0, $"{failures.Count} of {items} item(s):\n" + string.Join("\n", failures.Take(MaxReported)));
    }

    private static IEnumerable<(int Index, OutputItem Item)> OutputItems(ResponsesEvent e)
    {
        switch (e)
        {
            case OutputItemAddedEvent { Item: { } added }:
                yield return (0, added);
                break;
            case OutputItemDoneEvent { Item: { } done }:
                yield return (0, done);
                break;
            case IResponseLifecycleEvent { Response.Output: { } output }:
                for (int i = 0; i < output.Count; i++)
                {
                    yield return (i, output[i]);
                }

                break;
        }
    }
}
