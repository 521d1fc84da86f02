using System;
using System.Threading.Tasks;
using ProtocolCore.Events;

namespace ProtocolCore.Client.Tests;

/// <summary>
/// <see cref="ReadTurnRouter"/> without a socket: each test drives the transitions a connection's readers make (ask
/// for an event, read, route, release, cancel, end) and checks the states, the wakes (a wait is complete or not: no
/// timing) and where every event went.
/// </summary>
public sealed class ReadTurnRouterTests
{
    [Fact]
    public void AReaderWithNothingBufferedTakesTheFreeTurn()
    {
        var router = NewRouter();
        PendingResponse a = Arm(router, "a");
        Assert.Equal(ReadTurnState.Free, router.Turn);

        Assert.Equal(ReadStep.Read, router.Next(a, false, out ResponsesEvent? item, out ValueTask wake));
        Assert.Null(item);
        Assert.True(wake.IsCompleted);
        Assert.Equal(ReaderState.Reading, a.State);
        Assert.Equal(ReadTurnState.Held, router.Turn);
    }

    [Fact]
    public void AReaderFindingTheTurnTakenWaitsAndIsHandedItWhenTheHolderReleasesIt()
    {
        var router = NewRouter();
        PendingResponse a = Arm(router, "a");
        PendingResponse b = Arm(router, "b");
        Assert.Equal(ReadStep.Read, router.Next(a, false, out _, out _));

        Assert.Equal(ReadStep.Wait, router.Next(b, false, out _, out ValueTask wake));
        Assert.False(wake.IsCompleted);
        Assert.Equal(ReaderState.Waiting, b.State);

        router.ReleaseTurn(a);
        Assert.True(wake.IsCompleted);
        Assert.Equal(ReaderState.Busy, a.State);
        Assert.Equal(ReaderState.Reading, b.State);
        Assert.Equal(ReadTurnState.Held, router.Turn);

        // Handed over, not offered: a reader arriving now cannot take it first.
        Assert.Equal(ReadStep.Wait, router.Next(a, false, out _, out ValueTask aWaits));
        Assert.False(aWaits.IsCompleted);
        Assert.Equal(ReadStep.Read, router.Next(b, false, out _, out _));
    }

    [Fact]
    public void RoutingTheReadersOwnEventReturnsItAndPassesTheTurnOnInTheSameStep()
    {
        var router = NewRouter();
        PendingResponse a = Arm(router, "a");
        PendingResponse b = Arm(router, "b");
        router.Next(a, false, out _, out _);
        router.Next(b, false, out _, out ValueTask bWake);

        Assert.Equal(RouteOutcome.Own, router.Route(Delta("a", 1), 1, a, out _));
        Assert.Equal(ReaderState.Busy, a.State);
        Assert.True(bWake.IsCompleted);
        Assert.Equal(ReaderState.Reading, b.State);
    }

    [Fact]
    public void WithNobodyWaitingTheTurnFallsFreeAfterTheOwnEvent()
    {
        var router = NewRouter();
        PendingResponse a = Arm(router, null);
        router.Next(a, false, out _, out _);

        Assert.Equal(RouteOutcome.Own, router.Route(Delta(null, 1), 1, a, out _));
        Assert.Equal(ReadTurnState.Free, router.Turn);
        Assert.Equal(ReadStep.Read, router.Next(a, false, out _, out _));
    }

    [Fact]
    public void AnotherLanesEventIsBufferedAndWakesItsWaitingReader()
    {
        var router = NewRouter();
        PendingResponse a = Arm(router, "a");
        PendingResponse b = Arm(router, "b");
        router.Next(a, false, out _, out _);
        router.Next(b, false, out _, out ValueTask bWake);
        ResponsesEvent forB = Delta("b", 1);

        Assert.Equal(RouteOutcome.Buffered, router.Route(forB, 1, a, out _));
        Assert.True(bWake.IsCompleted);
        Assert.Equal(ReaderState.Busy, b.State);
        Assert.Equal(ReaderState.Reading, a.State);

        Assert.Equal(ReadStep.Event, router.Next(b, false, out ResponsesEvent? item, out _));
        Assert.Same(forB, item);
        Assert.Equal(ReadStep.Wait, router.Next(b, false, out _, out _));
    }

    [Fact]
    public void AnotherLanesViewIsNotBufferedButAskedForAsAnOwnedCopy()
    {
        var router = NewRouter();
        PendingResponse a = Arm(router, "a");
        PendingResponse b = Arm(router, "b");
        router.Next(a, false, out _, out _);
        router.Next(b, false, out _, out ValueTask bWake);

        // The view is valid only until a's next read: nothing is routed, b still waits, a still reads.
        Assert.Equal(RouteOutcome.NeedsOwnedCopy, router.Route(Delta("b", 1), 1, a, isView: true, out _));
        Assert.False(bWake.IsCompleted);
        Assert.Equal(ReaderState.Waiting, b.State);
        Assert.Equal(ReadTurnState.Held, router.Turn);

        // The owned copy of the same message is buffered as any other lane's event; a's own view is its own.
        ResponsesEvent copy = Delta("b", 1);
        Assert.Equal(RouteOutcome.Buffered, router.Route(copy, 1, a, isView: false, out _));
        Assert.True(bWake.IsCompleted);
        Assert.Equal(ReadStep.Event, router.Next(b, false, out ResponsesEvent? item, out _));
        Assert.Same(copy, item);
        Assert.Equal(RouteOutcome.Own, router.Route(Delta("a", 2), 2, a, isView: true, out _));
    }

    [Fact]
    public void AFullBufferHoldsTheReadingReaderUntilItsReaderTakesAnEvent()
    {
        var router = NewRouter(capacity: 2);
        PendingResponse a = Arm(router, "a");
        PendingResponse b = Arm(router, "b");
        router.Next(a, false, out _, out _);
        ResponsesEvent[] forB = [Delta("b", 1), Delta("b", 2), Delta("b", 3)];
        Assert.Equal(RouteOutcome.Buffered, router.Route(forB[0], 1, a, out _));
        Assert.Equal(RouteOutcome.Buffered, router.Route(forB[1], 2, a, out _));

        Assert.Equal(RouteOutcome.Full, router.Route(forB[2], 3, a, out ValueTask space));
        Assert.False(space.IsCompleted);
        Assert.Equal(ReadTurnState.WaitingForSpace, router.Turn);

        Assert.Equal(ReadStep.Event, router.Next(b, false, out ResponsesEvent? first, out _));
        Assert.Same(forB[0], first);
        Assert.True(space.IsCompleted);
        Assert.Equal(ReadTurnState.Held, router.Turn);

        // Routed again, the same event now fits, after the ones before it.
        Assert.Equal(RouteOutcome.Buffered, router.Route(forB[2], 3, a, out _));
        Assert.Equal(ReadStep.Event, router.Next(b, false, out ResponsesEvent? second, out _));
        Assert.Equal(ReadStep.Event, router.Next(b, false, out ResponsesEvent? third, out _));
        Assert.Same(forB[1], second);
        Assert.Same(forB[2], third);
    }

    [Fact]
    public void DetachingTheResponseWhoseBufferIsFullLetsTheReadingReaderGoOn()
    {
        var router = NewRouter(capacity: 1);
        ResponseLane laneB = router.GetLane("b");
        PendingResponse a = Arm(router, "a");
        PendingResponse b = router.Arm(laneB, 0)!;
        router.Next(a, false, out _, out _);
        router.Route(Delta("b", 1), 1, a, out _);
        Assert.Equal(RouteOutcome.Full, router.Route(Delta("b", 2), 2, a, out ValueTask space));

        // b's caller stopped reading (it abandons its response): nobody will make room, so the wait must not last.
        router.Detach(laneB, b);
        Assert.True(space.IsCompleted);
        Assert.Null(laneB.Active);
        Assert.Equal(RouteOutcome.Dropped, router.Route(Delta("b", 2), 2, a, out _));
    }

    [Fact]
    public void EndingTheResponseWhoseBufferIsFullLetsTheReadingReaderGoOn()
    {
        var router = NewRouter(capacity: 1);
        PendingResponse a = Arm(router, null);
        PendingResponse b = Arm(router, "b", armedAt: 5);
        router.Next(a, false, out _, out _);
        router.Route(Delta("b", 6), 6, a, out _);
        Assert.Equal(RouteOutcome.Full, router.Route(Delta("b", 7), 7, a, out ValueTask space));

        router.EndReceiving(new InvalidOperationException("gone"));
        Assert.True(space.IsCompleted);
        Assert.True(a.Ended);
        Assert.True(b.Ended);
    }

    [Fact]
    public void CancellingTheSpaceWaitResumesTheReadingReader()
    {
        var router = NewRouter(capacity: 1);
        PendingResponse a = Arm(router, "a");
        Arm(router, "b");
        router.Next(a, false, out _, out _);
        router.Route(Delta("b", 1), 1, a, out _);
        Assert.Equal(RouteOutcome.Full, router.Route(Delta("b", 2), 2, a, out ValueTask space));

        router.CancelSpaceWait();
        Assert.True(space.IsCompleted);
        Assert.Equal(ReadTurnState.Held, router.Turn);
        router.ReleaseTurn(a);
        Assert.Equal(ReadTurnState.Free, router.Turn);
    }

    [Fact]
    public void AMessageReceivedBeforeAResponseWasArmedIsNotOneOfItsEvents()
    {
        var router = NewRouter();
        PendingResponse b = Arm(router, "b", armedAt: 5);
        PendingResponse a = Arm(router, "a", armedAt: 5);
        router.Next(a, false, out _, out _);

        Assert.Equal(RouteOutcome.Dropped, router.Route(Delta("b", 1), 4, a, out _));
        Assert.Equal(RouteOutcome.Dropped, router.Route(Delta("b", 1), 5, a, out _));
        Assert.Equal(RouteOutcome.Buffered, router.Route(Delta("b", 1), 6, a, out _));
        Assert.Equal(ReadStep.Event, router.Next(b, false, out _, out _));
        Assert.Equal(RouteOutcome.Dropped, router.Route(Delta("a", 1), 5, a, out _));
        Assert.Equal(RouteOutcome.Own, router.Route(Delta("a", 1), 6, a, out _));
    }

    [Fact]
    public void AnEventForALaneWithNothingInFlightOrNoLaneAtAllIsDropped()
    {
        var router = NewRouter();
        PendingResponse a = Arm(router, "a");
        router.GetLane("idle");
        router.Next(a, false, out _, out _);

        Assert.Equal(RouteOutcome.Dropped, router.Route(Delta("idle", 1), 1, a, out _));
        Assert.Equal(RouteOutcome.Dropped, router.Route(Delta("unknown", 1), 2, a, out _));
        Assert.Equal(RouteOutcome.Dropped, router.Route(Delta(null, 1), 3, a, out _));
        Assert.Equal(RouteOutcome.Dropped, router.Route(Delta(new string('x', 300), 1), 4, a, out _));
        Assert.False(a.Ended);
        Assert.Equal(ReaderState.Reading, a.State);
    }

    [Fact]
    public void ATerminalEventEmptiesItsLaneSoTheLanesNextResponseCanBeArmed()
    {
        var router = NewRouter();
        PendingResponse a = Arm(router, "a");
        ResponseLane laneB = router.GetLane("b");
        PendingResponse b = router.Arm(laneB, 0)!;
        router.Next(a, false, out _, out _);

        Assert.Equal(RouteOutcome.Buffered, router.Route(Completed("b", 1), 1, a, out _));
        Assert.Null(laneB.Active);
        Assert.Equal(ReadStep.Event, router.Next(b, false, out ResponsesEvent? item, out _));
        Assert.IsType<ResponseCompletedEvent>(item);

        router.Detach(laneB, b);
        PendingResponse next = router.Arm(laneB, 1)!;
        Assert.Same(next, laneB.Active);
    }

    [Fact]
    public void AnErrorWithoutStreamIdWhileTheDefaultLaneIsIdleEndsTheLanesArmedBeforeIt()
    {
        var router = NewRouter();
        PendingResponse reader = Arm(router, "reader", armedAt: 0);
        PendingResponse waiting = Arm(router, "waiting", armedAt: 1);
        PendingResponse later = Arm(router, "later", armedAt: 3);
        router.Next(reader, false, out _, out _);
        Assert.Equal(ReadStep.Wait, router.Next(waiting, false, out _, out ValueTask wake));

        Assert.Equal(RouteOutcome.Dropped, router.Route(Error(null), 2, reader, out _));
        Assert.True(reader.Ended);
        Assert.True(waiting.Ended);
        Assert.False(later.Ended);
        Assert.True(wake.IsCompleted);
        Assert.Equal("connection-level: stray", waiting.Fault!.Message);
        Assert.NotSame(reader.Fault, waiting.Fault);

        Assert.Equal(ReadStep.Ended, router.Next(waiting, false, out _, out _));
        router.ReleaseTurn(reader);
        Assert.Equal(ReadStep.Ended, router.Next(reader, false, out _, out _));
        Assert.Equal(ReadStep.Read, router.Next(later, false, out _, out _));
    }

    [Fact]
    public void AnErrorWithoutStreamIdIsTheDefaultLanesOwnWhileItHasAResponseInFlight()
    {
        var router = NewRouter();
        PendingResponse other = Arm(router, "other");
        PendingResponse main = Arm(router, null);
        router.Next(other, false, out _, out _);

        Assert.Equal(RouteOutcome.Buffered, router.Route(Error(null), 1, other, out _));
        Assert.False(other.Ended);
        Assert.False(main.Ended);
        Assert.Equal(ReadStep.Event, router.Next(main, false, out ResponsesEvent? item, out _));
        Assert.IsType<ErrorEvent>(item);
    }

    [Fact]
    public void EndingReceivingEndsEveryResponseAfterWhatItHasBufferedAndRefusesNewOnes()
    {
        var router = NewRouter();
        PendingResponse a = Arm(router, "a");
        PendingResponse b = Arm(router, "b");
        router.Next(a, false, out _, out _);
        router.Route(Delta("b", 1), 1, a, out _);
        var fault = new InvalidOperationException("closed");

        router.EndReceiving(fault);
        Assert.True(router.HasEnded);
        Assert.Same(fault, a.Fault);
        Assert.Equal(ReadStep.Event, router.Next(b, false, out _, out _));
        Assert.Equal(ReadStep.Ended, router.Next(b, false, out _, out _));
        Assert.Same(fault, b.Fault);
        Assert.Null(router.Arm(router.GetLane("c"), 1));
    }

    [Fact]
    public void ACancelledWaiterLeavesTheWaitersSoTheTurnGoesToTheNextOne()
    {
        var router = NewRouter();
        PendingResponse a = Arm(router, "a");
        PendingResponse b = Arm(router, "b");
        PendingResponse c = Arm(router, "c");
        router.Next(a, false, out _, out _);
        router.Next(b, false, out _, out ValueTask bWake);
        router.Next(c, false, out _, out ValueTask cWake);

        router.CancelWait(b);
        Assert.True(bWake.IsCompleted);
        Assert.Equal(ReaderState.Busy, b.State);
        Assert.Equal(ReadStep.Cancelled, router.Next(b, true, out _, out _));

        router.ReleaseTurn(a);
        Assert.True(cWake.IsCompleted);
        Assert.Equal(ReaderState.Reading, c.State);
        Assert.Equal(ReaderState.Busy, b.State);
    }

    [Fact]
    public void AReaderHandedTheTurnAsItIsCancelledPassesItOn()
    {
        var router = NewRouter();
        PendingResponse a = Arm(router, "a");
        PendingResponse b = Arm(router, "b");
        PendingResponse c = Arm(router, "c");
        router.Next(a, false, out _, out _);
        router.Next(b, false, out _, out _);
        router.Next(c, false, out _, out ValueTask cWake);
        router.ReleaseTurn(a);
        Assert.Equal(ReaderState.Reading, b.State);

        // The cancellation comes after the hand-over: the wait has nothing left to cancel, the next ask sees it.
        router.CancelWait(b);
        Assert.Equal(ReaderState.Reading, b.State);
        Assert.Equal(ReadStep.Cancelled, router.Next(b, true, out _, out _));
        Assert.Equal(ReaderState.Busy, b.State);
        Assert.True(cWake.IsCompleted);
        Assert.Equal(ReaderState.Reading, c.State);
    }

    [Fact]
    public void AWaiterWhoseResponseEndsIsWokenAndTheTurnSkipsIt()
    {
        var router = NewRouter();
        PendingResponse a = Arm(router, "a", armedAt: 0);
        PendingResponse b = Arm(router, "b", armedAt: 0);
        PendingResponse c = Arm(router, "c", armedAt: 9);
        router.Next(a, false, out _, out _);
        router.Next(b, false, out _, out _);
        router.Next(c, false, out _, out ValueTask cWake);

        // A connection-level error ends a and b (armed before it) but not c; a, still reading, hands the turn on.
        router.Route(Error(null), 5, a, out _);
        Assert.Equal(ReaderState.Busy, b.State);
        router.ReleaseTurn(a);
        Assert.True(cWake.IsCompleted);
        Assert.Equal(ReadStep.Ended, router.Next(b, false, out _, out _));
        Assert.Equal(ReadStep.Read, router.Next(c, false, out _, out _));
    }

    [Fact]
    public void CancellationWinsOverAnEndWithNothingBuffered()
    {
        var router = NewRouter();
        PendingResponse a = Arm(router, "a");
        router.EndReceiving(new InvalidOperationException("gone"));

        Assert.Equal(ReadStep.Cancelled, router.Next(a, true, out _, out _));
        Assert.Equal(ReadStep.Ended, router.Next(a, false, out _, out _));
    }

    private static ReadTurnRouter NewRouter(int capacity = 16) =>
        new(capacity, error => new InvalidOperationException("connection-level: " + ResponsesTerminal.ErrorCode(error)));

    private static PendingResponse Arm(ReadTurnRouter router, string? streamId, long armedAt = 0) =>
        router.Arm(router.GetLane(streamId ?? string.Empty), armedAt)!;

    private static string StreamIdField(string? streamId) => streamId is null ? "" : $",\"stream_id\":\"{streamId}\"";

    private static ResponsesEvent Delta(string? streamId, int sequence) => ResponsesEventReader.Parse(
        $$"""{"type":"response.output_text.delta","sequence_number":{{sequence}}{{StreamIdField(streamId)}},"item_id":"msg_1","output_index":0,"content_index":0,"delta":"d{{sequence}}"}""");

    private static ResponsesEvent Completed(string? streamId, int sequence) => ResponsesEventReader.Parse(
        $$$"""{"type":"response.completed","sequence_number":{{{sequence}}}{{{StreamIdField(streamId)}}},"response":{"id":"resp_1","object":"response","status":"completed","output":[]}}""");

    private static ResponsesEvent Error(string? streamId) => ResponsesEventReader.Parse(
        $$$"""{"type":"error","status":400{{{StreamIdField(streamId)}}},"error":{"type":"invalid_request_error","code":"stray","message":"belongs to no request"}}""");
}
