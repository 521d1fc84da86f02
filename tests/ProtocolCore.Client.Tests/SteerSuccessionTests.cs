using ProtocolCore.Events;
using ProtocolCore.Models;

namespace ProtocolCore.Client.Tests;

/// <summary>The rule the router, the connection's stream and the session share: where a response's stream ends once steering is possible.</summary>
public class SteerSuccessionTests
{
    private static ResponseIncompleteEvent Incomplete(IncompleteReason reason, string? id = "resp_1") =>
        new() { Response = new Response { Id = id, Status = ResponseStatus.Incomplete, IncompleteDetails = new IncompleteDetails { Reason = reason } } };

    private static ResponseCompletedEvent Completed(string id) => new() { Response = new Response { Id = id, Status = ResponseStatus.Completed } };

    [Fact]
    public void ASteeredEndAfterAnAcceptedSteerHandsOverAndTheSuccessorsTerminalEnds()
    {
        var succession = default(SteerSuccession);

        Assert.False(succession.Ends(new ResponseCreatedEvent { Response = new Response { Id = "resp_1" } }));
        Assert.False(succession.Ends(new SteerAcceptedEvent { Steer = new SteerInfo { Id = "steer_1", PreviousResponseId = "resp_1" } }));
        Assert.False(succession.Ends(Incomplete(IncompleteReason.Steered)));
        Assert.False(succession.Ends(new ResponseCreatedEvent { Response = new Response { Id = "resp_2" } }));
        Assert.True(succession.Ends(Completed("resp_2")));
    }

    [Fact]
    public void ASecondSteeredEndNeedsASteerAcceptedAfterTheFirst()
    {
        var succession = default(SteerSuccession);
        succession.Ends(new SteerAcceptedEvent());

        Assert.False(succession.Ends(Incomplete(IncompleteReason.Steered)));
        Assert.True(succession.Ends(Incomplete(IncompleteReason.Steered, "resp_2")));
    }

    [Fact]
    public void WithoutAnAcceptedSteerEveryTerminalEnds()
    {
        var succession = default(SteerSuccession);
        succession.Ends(new SteerPendingEvent());
        succession.Ends(new SteerFailedEvent());

        Assert.True(succession.Ends(Incomplete(IncompleteReason.Steered)));
        Assert.True(default(SteerSuccession).Ends(Completed("resp_1")));
        Assert.True(default(SteerSuccession).Ends(new ErrorEvent()));
    }

    [Fact]
    public void AnAcceptedSteerDoesNotKeepOtherEndsOpen()
    {
        var succession = default(SteerSuccession);
        succession.Ends(new SteerAcceptedEvent());

        Assert.True(succession.Ends(Incomplete(IncompleteReason.MaxOutputTokens)));

        var withoutId = default(SteerSuccession);
        withoutId.Ends(new SteerAcceptedEvent());
        Assert.True(withoutId.Ends(Incomplete(IncompleteReason.Steered, id: null)));
    }
}
