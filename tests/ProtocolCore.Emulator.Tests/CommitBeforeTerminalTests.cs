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

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task AStoredSteeredResponseIsPersistedBeforeItsIncompleteEventIsSent(bool store)
    {
        var engine = new ResponseEngine(new EmulatorOptions { CostModel = EmulatorCostModel.Zero }, new EmulatorCounters());
        ResponseCreateRequest request = ScriptedTaskDriver.Request(ScriptedTaskDriver.FirstInput(), store: store);
        Assert.True(EmulatorFaults.TryParse("await_steer", out EmulatorFaults faults, out _));
        string? steeredId = null;
        SteerHandler? steering = null;
        var sink = new WatchingSink(() => steeredId is not null && engine.TryGetPersisted(steeredId, out _) ? steeredId : null)
        {
            // The held response is steered as soon as it is created (it is open for steering by then).
            OnSent = value =>
            {
                if (value is ResponseCreatedEvent created && steeredId is null)
                {
                    steeredId = created.Response!.Id;
                    byte[] steer = System.Text.Encoding.UTF8.GetBytes($$"""{"type":"response.steer","previous_response_id":"{{steeredId}}","input":"Only touch src/."}""");
                    Assert.True(steering!.HandleSteerAsync(steer).IsCompletedSuccessfully);
                }
            },
        };
        steering = new SteerHandler(engine, sink, multiAgentBeta: false);
        var runner = new ResponseRunner(engine, request, sink, faults, steering);

        RunResult steered = await runner.RunAsync(previous: null, ContextSource.NewChain, CancellationToken.None);
        RunResult last = await steering.RunSuccessorsAsync(request, runner, faults, steered, CancellationToken.None);

        Assert.Equal(RunOutcome.Steered, steered.Outcome);
        Assert.Equal(RunOutcome.Succeeded, last.Outcome);
        Assert.NotEqual(steeredId, last.ResponseId);
        int incomplete = sink.Sent.FindIndex(e => e.Type == "response.incomplete");
        Assert.True(incomplete > 0);
        Assert.Equal(store ? steeredId : null, sink.Sent[incomplete].Committed);
        Assert.All(sink.Sent.GetRange(0, incomplete), e => Assert.Null(e.Committed));
        Assert.Equal(store, engine.TryGetPersisted(steeredId!, out _));
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

        /// <summary>Called after each event is recorded.</summary>
        public System.Action<ResponsesEvent>? OnSent { get; init; }

        public ValueTask SendAsync(ResponsesEvent value, CancellationToken cancellationToken)
        {
            Sent.Add((value.Type, committed()));
            OnSent?.Invoke(value);
            return ValueTask.CompletedTask;
        }

        public void Abort()
        {
        }
    }
}
