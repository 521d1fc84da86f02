using ProtocolCore.Events;
using ProtocolCore.Json;

namespace ProtocolCore.Tests.Json;

/// <summary>Both forms of the per-case cache hold one instance per case and hand back the one kept for the case asked.</summary>
public class JsonInstanceCacheTests
{
    public static TheoryData<bool> Forms => new() { true, false };

    [Theory]
    [MemberData(nameof(Forms))]
    public void EachCaseGetsItsOwnInstance(bool direct)
    {
        JsonInstanceCache<ResponsesEvent> cache = direct ? new(ResponsesEvent.CaseCount) : new();
        var delta = new OutputTextDeltaEvent();
        var done = new OutputTextDoneEvent();
        var created = new ResponseCreatedEvent();

        Assert.Null(cache.Peek(3));
        Assert.Same(delta, cache.Keep(3, delta));
        Assert.Same(done, cache.Keep(7, done));
        Assert.Same(created, cache.Keep(0, created));
        var completed = new ResponseCompletedEvent();
        Assert.Same(completed, cache.Keep(12, completed));

        Assert.Same(delta, cache.Peek(3));
        Assert.Same(done, cache.Peek(7));
        Assert.Same(created, cache.Peek(0));
        Assert.Same(completed, cache.Peek(12));
        Assert.Null(cache.Peek(5));
    }

    [Theory]
    [MemberData(nameof(Forms))]
    public void KeepingACaseAgainReplacesItsInstanceOnly(bool direct)
    {
        JsonInstanceCache<ResponsesEvent> cache = direct ? new(ResponsesEvent.CaseCount) : new();
        var first = new OutputTextDeltaEvent();
        var other = new OutputTextDoneEvent();
        var third = new ResponseCreatedEvent();
        cache.Keep(1, first);
        cache.Keep(2, other);
        cache.Keep(4, third);

        var replacement = new OutputTextDeltaEvent();
        cache.Keep(1, replacement);
        var thirdReplacement = new ResponseCreatedEvent();
        cache.Keep(4, thirdReplacement);

        Assert.Same(replacement, cache.Peek(1));
        Assert.Same(other, cache.Peek(2));
        Assert.Same(thirdReplacement, cache.Peek(4));
    }

    [Theory]
    [MemberData(nameof(Forms))]
    public void GetCreatesACaseOnceThenReturnsIt(bool direct)
    {
        JsonInstanceCache<ResponsesEvent> cache = direct ? new(ResponsesEvent.CaseCount) : new();

        OutputTextDeltaEvent first = cache.Get<OutputTextDeltaEvent>(9);
        ResponseCreatedEvent other = cache.Get<ResponseCreatedEvent>(2);

        Assert.Same(first, cache.Get<OutputTextDeltaEvent>(9));
        Assert.Same(other, cache.Get<ResponseCreatedEvent>(2));
        Assert.Same(first, cache.Peek(9));
    }
}
