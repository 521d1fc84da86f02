using System;
using System.Collections.Generic;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using ProtocolCore.Events;
using ProtocolCore.Models;
using ProtocolCore.Requests;
using Xunit.Abstractions;

namespace ProtocolCore.Client.Tests;

/// <summary>
/// Allocations per delta of a whole session turn over a real loopback socket, the server allocation-free on a thread of
/// its own (<see cref="PreEncodedFrameServer"/>). <see cref="GC.GetTotalAllocatedBytes(bool)"/> counts the whole
/// process, so this class runs alone (<see cref="AllocationCollection"/>) and the window is thousands of deltas long:
/// anything allocated per delta costs at least 24 B (the smallest object), so an average under 1 B per delta means no
/// delta allocated; the rest is what the process did meanwhile.
/// </summary>
[Collection(nameof(AllocationCollection))]
public sealed class ReadTurnAsyncAllocationTests(ITestOutputHelper output)
{
    private const int Deltas = 20_000;

    /// <summary>Deltas before and after the measured window: the warm-up (first reads, buffers growing) and the end.</summary>
    private const int Margin = 2_000;

    private static readonly byte[] DeltaText = "tok "u8.ToArray();

    [Fact]
    public async Task ViewPathAllocatesNothingPerDeltaInSteadyState()
    {
        using var server = new PreEncodedFrameServer(PreEncodedFrameServer.Frame(Turn(Deltas), perWrite: 8));
        await using var session = new ResponsesSession(new ResponsesClientOptions { BaseUrl = server.BaseUrl, ApiKey = "sk-test" }, new ResponseCreateRequest { Model = "gpt-5" });

        // A first turn warms up everything once (connect, JIT, the view reader's buffers); the second is measured.
        await CountAsync(session.ReadTurnAsync(Input(), ClientTestHost.Timeout()));
        (double perDelta, int deltas, int wrong) = await CountAsync(session.ReadTurnAsync(Input(), ClientTestHost.Timeout()));

        output.WriteLine($"view path: {perDelta:F3} B per delta over {Deltas - 2 * Margin} deltas");
        Assert.Null(server.Failure);
        Assert.Equal(Deltas, deltas);
        Assert.Equal(0, wrong);
        Assert.Equal("resp_alloc", session.LastResponseId);
        Assert.Equal(Deltas + 6, session.LastTurn!.EventCount);
        // The count is process-wide, so on a loaded machine it also sees the runtime's own background allocations
        // (timers, the thread pool): a few bytes in total. An allocation per delta costs at least 24 B per delta.
        Assert.True(perDelta < 4.0, $"{perDelta:F3} B per delta on the view path");
    }

    [Fact]
    public async Task OwnedPathCostsTheEventAndItsValuesNotACopyOfTheMessage()
    {
        using var server = new PreEncodedFrameServer(PreEncodedFrameServer.Frame(Turn(Deltas), perWrite: 8));
        await using var session = new ResponsesSession(new ResponsesClientOptions { BaseUrl = server.BaseUrl, ApiKey = "sk-test" }, new ResponseCreateRequest { Model = "gpt-5" });

        await CountAsync(session.RunTurnAsync(Input(), ClientTestHost.Timeout()));
        (double perDelta, int deltas, int wrong) = await CountAsync(session.RunTurnAsync(Input(), ClientTestHost.Timeout()));

        // What an owned delta is: the event, its logprobs list, and one array for each of its three text values.
        long own = OwnedDeltaSize();
        output.WriteLine($"owned path: {perDelta:F1} B per delta; the event and its values: {own} B; the message: {DeltaJson(0).Length} B");
        Assert.Null(server.Failure);
        Assert.Equal(Deltas, deltas);
        Assert.Equal(0, wrong);
        // The process-wide count also sees the runtime's own occasional allocations (timers, the thread pool) on a
        // loaded machine: a few bytes per delta of slack, far below the message copy (DeltaJson) this rules out.
        Assert.InRange(perDelta, own - 1.0, own + 8.0);
        Assert.True(own + 8.0 < own + DeltaJson(0).Length);
    }

    /// <summary>Reads a turn; allocated bytes per delta over the middle deltas, the deltas, and those with the wrong text.</summary>
    private static async Task<(double PerDelta, int Deltas, int Wrong)> CountAsync(IAsyncEnumerable<ResponsesEvent> events)
    {
        int deltas = 0;
        int wrong = 0;
        long start = 0;
        long end = 0;
        await foreach (ResponsesEvent e in events)
        {
            if (e is OutputTextDeltaEvent delta)
            {
                if (delta.Delta is not { } text || !text.ValueEquals(DeltaText))
                {
                    wrong++;
                }

                deltas++;
                if (deltas == Margin)
                {
                    start = GC.GetTotalAllocatedBytes(precise: true);
                }
                else if (deltas == Deltas - Margin)
                {
                    end = GC.GetTotalAllocatedBytes(precise: true);
                }
            }
        }

        return ((end - start) / (double)(Deltas - 2 * Margin), deltas, wrong);
    }

    /// <summary>The bytes an owned delta of <see cref="DeltaJson"/> allocates, measured on this thread: no awaits in between.</summary>
    private static long OwnedDeltaSize()
    {
        long before = GC.GetAllocatedBytesForCurrentThread();
        var item = new OutputTextDeltaEvent
        {
            Logprobs = [],
            ItemId = new Json.Utf8Text(new byte[5]),
            Delta = new Json.Utf8Text(new byte[DeltaText.Length]),
            Obfuscation = new Json.Utf8Text(new byte[6]),
        };
        long after = GC.GetAllocatedBytesForCurrentThread();
        GC.KeepAlive(item);
        return after - before;
    }

    private static List<InputItem> Input() => [new Message { Role = MessageRole.User, Content = new MessageContent("Count.") }];

    private static string DeltaJson(int sequence) =>
        $$"""{"type":"response.output_text.delta","sequence_number":{{sequence}},"item_id":"msg_1","output_index":0,"content_index":0,"delta":"tok ","logprobs":[],"obfuscation":"abcdef"}""";

    /// <summary>A message turn of <paramref name="deltas"/> deltas: 6 events around them.</summary>
    private static List<string> Turn(int deltas)
    {
        var events = new List<string>
        {
            """{"type":"response.created","sequence_number":0,"response":{"id":"resp_alloc","object":"response","status":"in_progress","output":[]}}""",
            """{"type":"response.output_item.added","sequence_number":1,"output_index":0,"item":{"type":"message","id":"msg_1","role":"assistant","status":"in_progress","content":[]}}""",
        };
        for (int i = 0; i < deltas; i++)
        {
            events.Add(DeltaJson(i + 2));
        }

        var text = new StringBuilder().Insert(0, "tok ", 4).ToString();
        events.Add($$"""{"type":"response.output_text.done","sequence_number":{{deltas + 2}},"item_id":"msg_1","output_index":0,"content_index":0,"text":"{{text}}"}""");
        string message = $$"""{"type":"message","id":"msg_1","role":"assistant","status":"completed","content":[{"type":"output_text","text":"{{text}}","annotations":[]}]}""";
        events.Add($$"""{"type":"response.content_part.done","sequence_number":{{deltas + 3}},"item_id":"msg_1","output_index":0,"content_index":0,"part":{"type":"output_text","text":"{{text}}","annotations":[]""" + "}}");
        events.Add($$$"""{"type":"response.output_item.done","sequence_number":{{{deltas + 4}}},"output_index":0,"item":{{{message}}}}""");
        events.Add($$$"""{"type":"response.completed","sequence_number":{{{deltas + 5}}},"response":{"id":"resp_alloc","object":"response","status":"completed","output":[{{{message}}}],"usage":{"input_tokens":5,"output_tokens":{{{deltas}}},"total_tokens":{{{deltas + 5}}}""" + "}}}");
        return events;
    }
}

/// <summary>Tests that count the process's allocated bytes run alone, after the parallel ones.</summary>
[CollectionDefinition(nameof(AllocationCollection), DisableParallelization = true)]
public sealed class AllocationCollection
{
}
