using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using ProtocolCore.Events;
using ProtocolCore.Requests;

namespace ProtocolCore.Emulator.Tests;

/// <summary>
/// A successful response is cached (lane slot, persisted store) before its terminal event is sent: a client that has
/// read <c>response.completed</c> may at once fork from it on another lane, whose request runs while this response's
/// lane is still finishing up. Committed only after the send, such a fork now and then got <c>previous_response_not_found</c>.
/// </summary>
public sealed class CommitBeforeTerminalTests
{
    [Theory]
    [InlineData(null, "response.completed")]
    [InlineData("response_incomplete", "response.incomplete")]
    [InlineData("done_terminal", "response.done")]
    public async Task ASuccessfulResponseIsCommittedBeforeItsTerminalEventIsSent(string? fault, string terminal)
    {
        ResponseCreateRequest request = ScriptedTaskDriver.Request(ScriptedTaskDriver.FirstInput());
        Assert.True(EmulatorFaults.TryParse(fault, out EmulatorFaults faults, out _));
        (List<(string Type, string? Committed)> sent, RunResult result) = await RunAsync(request, faults);

        Assert.Equal(RunOutcome.Succeeded, result.Outcome);
        Assert.Equal(terminal, sent[^1].Type);
        Assert.Equal(result.ResponseId, sent[^1].Committed);

        // Not before: the events ahead of the terminal one went out with nothing committed yet.
        Assert.All(sent.GetRange(0, sent.Count - 1), e => Assert.Null(e.Committed));
    }

    [Fact]
    public async Task AWarmUpIsCommittedBeforeItsCompletedEvent()
    {
        ResponseCreateRequest request = ScriptedTaskDriver.Request(ScriptedTaskDriver.FirstInput());
        request.Generate = false;
        (List<(string Type, string? Committed)> sent, RunResult result) = await RunAsync(request, default);

        Assert.Equal(["response.created", "response.completed"], sent.ConvertAll(e => e.Type));
        Assert.Equal([null, result.ResponseId], sent.ConvertAll(e => e.Committed));
    }

    [Fact]
    public async Task AFailedResponseIsNeverCommitted()
    {
        ResponseCreateRequest request = ScriptedTaskDriver.Request(ScriptedTaskDriver.FirstInput());
        Assert.True(EmulatorFaults.TryParse("response_failed", out EmulatorFaults faults, out _));
        (List<(string Type, string? Committed)> sent, RunResult result) = await RunAsync(request, faults);

        Assert.Equal(RunOutcome.Failed, result.Outcome);
        Assert.Equal("response.failed", sent[^1].Type);
        Assert.All(sent, e => Assert.Null(e.Committed));
    }

    /// <summary>Runs one response; each sent event with the id committed by the moment it was sent (null: none yet).</summary>
    private static async Task<(List<(string Type, string? Committed)> Sent, RunResult Result)> RunAsync(ResponseCreateRequest request, EmulatorFaults faults)
    {
        var engine = new ResponseEngine(new EmulatorOptions { CostModel = EmulatorCostModel.Zero }, new EmulatorCounters());
        string? committed = null;
        var sink = new WatchingSink(() => committed);
        var runner = new ResponseRunner(engine, request, sink, faults)
        {
            CommitSucceeded = (id, context) =>
            {
                Assert.Null(committed);
                Assert.True(context.ByteCount > 0);
                committed = id;
            },
        };

        RunResult result = await runner.RunAsync(previous: null, ContextSource.NewChain, CancellationToken.None);
        return (sink.Sent, result);
    }

    private sealed class WatchingSink(System.Func<string?> committed) : IEventSink
    {
        public List<(string Type, string? Committed)> Sent { get; } = [];

        public ValueTask SendAsync(ResponsesEvent value, CancellationToken cancellationToken)
        {
            Sent.Add((value.Type, committed()));
            return ValueTask.CompletedTask;
        }

        public void Abort()
        {
        }
    }
}
