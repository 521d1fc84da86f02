using System.Collections.Generic;
using ProtocolCore.Events;
using ProtocolCore.Models;
using ProtocolCore.Requests;

namespace ProtocolCore.Client.Tests;

/// <summary>The chain state on its own: no socket, no server, only sites, plans and terminal events.</summary>
public sealed class ConversationChainTests
{
    private static readonly ChainPlace s_socket1 = new(1, null);
    private static readonly ChainPlace s_socket2 = new(2, null);

    [Fact]
    public void TheFirstRequest_CarriesTheFullContextBecauseThereIsNothingToChainFrom()
    {
        var chain = new ConversationChain();
        List<InputItem> items = [User("hi")];

        ChainPlan plan = chain.Plan(Template(), ChainSite.ExclusiveSlot(s_socket1));
        ResponseCreateRequest request = chain.BuildRequest(Template(), plan, items, generate: true);

        Assert.Equal(ChainDecision.FullNoAnchor, plan.Decision);
        Assert.True(plan.FullContext);
        Assert.Null(request.PreviousResponseId);
        Assert.Equal(items, request.Input!.Items);
        Assert.Null(chain.Anchor);
    }

    [Fact]
    public void ASuccess_AddsTheTurnsItemsAndBecomesTheAnchorInTheSlotItWentTo()
    {
        var chain = new ConversationChain();
        ChainPlan plan = chain.Plan(Template(), ChainSite.ExclusiveSlot(s_socket1));
        Message user = User("hi");
        FunctionCall call = Call("call_1");

        ChainCommit commit = chain.Commit(plan, [user], Completed("resp_1"), [call]);

        Assert.Equal(ChainCommit.Committed, commit);
        Assert.Equal(new ChainAnchor("resp_1", s_socket1, false, plan.Fingerprint), chain.Anchor);
        Assert.Equal(2, chain.Items.Count);
        Assert.Same(user, chain.Items[0]);
        Assert.Same(call, chain.Items[1]);
    }

    [Fact]
    public void TheNextRequestOnTheSameSlot_ChainsWithOnlyTheNewItems()
    {
        ConversationChain chain = ChainAt(ChainSite.ExclusiveSlot(s_socket1), "resp_1");
        List<InputItem> outputs = [Output("call_1")];

        ChainPlan plan = chain.Plan(Template(), ChainSite.ExclusiveSlot(s_socket1));
        ResponseCreateRequest request = chain.BuildRequest(Template(), plan, outputs, generate: true);

        Assert.Equal(ChainDecision.Continue, plan.Decision);
        Assert.Equal("resp_1", request.PreviousResponseId);
        Assert.Same(outputs, request.Input!.Items);
    }

    [Fact]
    public void AChangedField_SendsTheFullContext()
    {
        ConversationChain chain = ChainAt(ChainSite.ExclusiveSlot(s_socket1), "resp_1");
        ResponseCreateRequest changed = Template();
        changed.Instructions = "Be verbose.";

        ChainPlan plan = chain.Plan(changed, ChainSite.ExclusiveSlot(s_socket1));
        ResponseCreateRequest request = chain.BuildRequest(changed, plan, [Output("call_1")], generate: true);

        Assert.Equal(ChainDecision.FullFieldsChanged, plan.Decision);
        Assert.Null(request.PreviousResponseId);
        Assert.Equal(chain.Items.Count + 1, request.Input!.Items!.Count);
        Assert.Equal(chain.Items[0], request.Input.Items[0]);
    }

    [Fact]
    public void AFieldOutsideTheFingerprint_KeepsTheChain()
    {
        ConversationChain chain = ChainAt(ChainSite.ExclusiveSlot(s_socket1), "resp_1");
        ResponseCreateRequest changed = Template();
        changed.Metadata = new Dictionary<string, string> { ["k"] = "v" };
        changed.Temperature = 0.1;

        Assert.Equal(ChainDecision.Continue, chain.Plan(changed, ChainSite.ExclusiveSlot(s_socket1)).Decision);
    }

    public static TheoryData<string, bool> Sites => new()
    {
        // The anchor lives in socket 1's default-lane slot (and in the store when stored).
        { "another socket", false },
        // The server finds a response cached in another lane of the same socket (a cross-lane fork).
        { "another lane", true },
        { "HTTP mode", false },
        { "a pooled socket holding it", true },
        { "a pooled socket holding another response", false },
        { "a pooled socket holding nothing known", false },
        { "a pooled other socket claiming it", false },
    };

    [Theory]
    [MemberData(nameof(Sites))]
    public void AnUnstoredAnchor_ChainsOnlyFromTheSocketThatHoldsIt(string site, bool chains)
    {
        ConversationChain chain = ChainAt(ChainSite.ExclusiveSlot(s_socket1), "resp_1");

        ChainPlan plan = chain.Plan(Template(), Site(site));

        Assert.Equal(chains ? ChainDecision.Continue : ChainDecision.FullNotReachable, plan.Decision);
        Assert.Equal(chains ? "resp_1" : null, plan.PreviousResponseId);
    }

    public static TheoryData<string> SiteNames
    {
        get
        {
            var names = new TheoryData<string>();
            foreach (object[] row in Sites)
            {
                names.Add((string)row[0]);
            }

            return names;
        }
    }

    [Theory]
    [MemberData(nameof(SiteNames))]
    public void AStoredAnchor_ChainsFromAnywhere(string site)
    {
        ResponseCreateRequest stored = Template();
        stored.Store = true;
        ConversationChain chain = ChainAt(ChainSite.ExclusiveSlot(s_socket1), "resp_1", stored);

        ChainPlan plan = chain.Plan(stored, Site(site));

        Assert.Equal(ChainDecision.Continue, plan.Decision);
        Assert.True(chain.Anchor!.Value.Stored);
    }

    [Fact]
    public void TheAnchor_RecordsTheLaneItWasProducedIn()
    {
        var lane = new ChainPlace(1, "lane-b");
        ConversationChain chain = ChainAt(ChainSite.ExclusiveSlot(s_socket1), "resp_1");
        ChainPlan plan = chain.Plan(Template(), ChainSite.ExclusiveSlot(lane));
        Assert.Equal(ChainDecision.Continue, plan.Decision);

        chain.Commit(plan, [Output("call_1")], Completed("resp_2"), []);

        Assert.Equal(lane, chain.Anchor!.Value.Place);
    }

    [Fact]
    public void ATurnOverHttp_AnchorsNowhereButTheStore()
    {
        var chain = new ConversationChain();
        ChainPlan plan = chain.Plan(Template(), ChainSite.NoCache);
        chain.Commit(plan, [User("hi")], Completed("resp_1"), []);

        Assert.Null(chain.Anchor!.Value.Place);
        Assert.Equal(ChainDecision.FullNotReachable, chain.Plan(Template(), ChainSite.NoCache).Decision);
        Assert.Equal(ChainDecision.FullNotReachable, chain.Plan(Template(), ChainSite.ExclusiveSlot(s_socket1)).Decision);
    }

    [Fact]
    public void AnUnsuccessfulEnd_LeavesTheConversationAndTheAnchor()
    {
        ConversationChain chain = ChainAt(ChainSite.ExclusiveSlot(s_socket1), "resp_1");
        ChainAnchor? anchor = chain.Anchor;
        int items = chain.Items.Count;

        // A request that did not chain (full context) evicts nothing on the server.
        ChainPlan plan = chain.Plan(Template(), ChainSite.ExclusiveSlot(s_socket2));
        Assert.True(plan.FullContext);

        Assert.Equal(ChainCommit.Unsuccessful, chain.Commit(plan, [Output("call_1")], new ResponseFailedEvent { Response = new Response { Id = "resp_2" } }, [Call("call_2")]));
        Assert.Equal(ChainCommit.Unsuccessful, chain.Commit(plan, [Output("call_1")], new ErrorEvent(), []));

        Assert.Equal(anchor, chain.Anchor);
        Assert.Equal(items, chain.Items.Count);
    }

    [Fact]
    public void AFailedContinuationOnTheAnchorsLane_EvictsItsSlotButNotACrossLaneFork()
    {
        var laneA = new ChainPlace(1, "a");
        ConversationChain chain = ChainAt(ChainSite.ExclusiveSlot(laneA), "resp_1");
        int items = chain.Items.Count;

        // A fork on lane b of the same socket fails: the server keeps the parent in lane a, and so does the chain.
        ChainPlan fork = chain.Plan(Template(), ChainSite.ExclusiveSlot(new ChainPlace(1, "b")));
        Assert.Equal("resp_1", fork.PreviousResponseId);
        Assert.Equal(ChainCommit.Unsuccessful, chain.Commit(fork, [Output("call_1")], new ResponseFailedEvent { Response = new Response { Id = "resp_2" } }, []));
        Assert.Equal(laneA, chain.Anchor!.Value.Place);

        // A continuation on lane a fails: the server evicted resp_1 from that slot, so the next request carries everything.
        ChainPlan same = chain.Plan(Template(), ChainSite.ExclusiveSlot(laneA));
        Assert.Equal(ChainCommit.Unsuccessful, chain.Commit(same, [Output("call_1")], new ErrorEvent(), []));
        Assert.Equal("resp_1", chain.Anchor!.Value.ResponseId);
        Assert.Null(chain.Anchor.Value.Place);
        Assert.Equal(items, chain.Items.Count);
        Assert.Equal(ChainDecision.FullNotReachable, chain.Plan(Template(), ChainSite.ExclusiveSlot(laneA)).Decision);
    }

    [Fact]
    public void ASuccessfulEndWithoutAResponseOrItsId_AddsNothing()
    {
        ConversationChain chain = ChainAt(ChainSite.ExclusiveSlot(s_socket1), "resp_1");
        ChainAnchor? anchor = chain.Anchor;
        int items = chain.Items.Count;
        ChainPlan plan = chain.Plan(Template(), ChainSite.ExclusiveSlot(s_socket1));

        Assert.Equal(ChainCommit.MissingResponse, chain.Commit(plan, [Output("call_1")], new ResponseCompletedEvent(), [Call("call_2")]));
        Assert.Equal(ChainCommit.MissingResponseId, chain.Commit(plan, [Output("call_1")], new ResponseCompletedEvent { Response = new Response { Id = "" } }, [Call("call_2")]));

        Assert.Equal(anchor, chain.Anchor);
        Assert.Equal(items, chain.Items.Count);
    }

    [Fact]
    public void AnIncompleteResponse_IsASuccessToChainFrom()
    {
        ConversationChain chain = ChainAt(ChainSite.ExclusiveSlot(s_socket1), "resp_1");
        ChainPlan plan = chain.Plan(Template(), ChainSite.ExclusiveSlot(s_socket1));

        Assert.Equal(ChainCommit.Committed, chain.Commit(plan, [Output("call_1")], new ResponseIncompleteEvent { Response = new Response { Id = "resp_2" } }, []));
        Assert.Equal("resp_2", chain.Anchor!.Value.ResponseId);
    }

    [Fact]
    public void NotFound_OnAChainedRequest_ForgetsTheAnchorAndTheRetryCarriesTheFullContext()
    {
        ConversationChain chain = ChainAt(ChainSite.ExclusiveSlot(s_socket1), "resp_1");
        ChainPlan chained = chain.Plan(Template(), ChainSite.ExclusiveSlot(s_socket1));
        Assert.True(ConversationChain.CanRecoverFromNotFound(chained));

        chain.ForgetAnchor(chained);
        ChainPlan retry = chain.Plan(Template(), ChainSite.ExclusiveSlot(s_socket1));

        Assert.Null(chain.Anchor);
        Assert.Equal(ChainDecision.FullNoAnchor, retry.Decision);
        Assert.False(ConversationChain.CanRecoverFromNotFound(retry));
        Assert.Equal(2, chain.Items.Count);
    }

    [Fact]
    public void ForgettingAnOlderPlansAnchor_KeepsTheCurrentOne()
    {
        ConversationChain chain = ChainAt(ChainSite.ExclusiveSlot(s_socket1), "resp_1");
        ChainPlan old = chain.Plan(Template(), ChainSite.ExclusiveSlot(s_socket1));
        chain.Commit(old, [Output("call_1")], Completed("resp_2"), []);

        chain.ForgetAnchor(old);

        Assert.Equal("resp_2", chain.Anchor!.Value.ResponseId);
    }

    [Theory]
    [InlineData(true, null, null)]
    [InlineData(true, true, true)]
    [InlineData(true, false, null)]
    [InlineData(false, null, false)]
    [InlineData(false, true, false)]
    public void Generate_IsTheTemplatesExceptForAWarmUp(bool generate, bool? template, bool? expected)
    {
        var chain = new ConversationChain();
        ResponseCreateRequest t = Template();
        t.Generate = template;

        ResponseCreateRequest request = chain.BuildRequest(t, chain.Plan(t, ChainSite.NoCache), [User("hi")], generate);

        Assert.Equal(expected, request.Generate);
        Assert.Equal(template, t.Generate);
    }

    private static ChainSite Site(string name) => name switch
    {
        "another socket" => ChainSite.ExclusiveSlot(s_socket2),
        "another lane" => ChainSite.ExclusiveSlot(new ChainPlace(1, "lane-b")),
        "HTTP mode" => ChainSite.NoCache,
        "a pooled socket holding it" => ChainSite.SharedSlot(s_socket1, "resp_1"),
        "a pooled socket holding another response" => ChainSite.SharedSlot(s_socket1, "resp_other"),
        "a pooled socket holding nothing known" => ChainSite.SharedSlot(s_socket1, null),
        _ => ChainSite.SharedSlot(s_socket2, "resp_1"),
    };

    /// <summary>A chain whose one successful turn (a user message, a function call) produced <paramref name="responseId"/> at <paramref name="site"/>.</summary>
    [Fact]
    public void TooLargeAFullContext_ChainsThroughTheStoreOnlyWhenTheAnchorIsStoredAndTheRequestStores()
    {
        ResponseCreateRequest stored = Template();
        stored.Store = true;
        ConversationChain chain = ChainAt(ChainSite.ExclusiveSlot(s_socket1), "resp_1", stored);
        ResponseCreateRequest changed = stored.ShallowCopy();
        changed.Instructions = "Be thorough.";

        Assert.Equal(ChainDecision.FullFieldsChanged, chain.Plan(changed, ChainSite.ExclusiveSlot(s_socket2)).Decision);
        ChainPlan? through = chain.PlanThroughStore(changed, ChainSite.ExclusiveSlot(s_socket2));
        Assert.NotNull(through);
        Assert.Equal(ChainDecision.ContinueThroughStore, through.Value.Decision);
        Assert.Equal("resp_1", through.Value.PreviousResponseId);
        Assert.Equal(chain.Plan(changed, ChainSite.ExclusiveSlot(s_socket2)).Fingerprint, through.Value.Fingerprint);

        changed.Store = false;
        Assert.Null(chain.PlanThroughStore(changed, ChainSite.ExclusiveSlot(s_socket2)));
        Assert.Null(ChainAt(ChainSite.ExclusiveSlot(s_socket1), "resp_2").PlanThroughStore(stored, ChainSite.ExclusiveSlot(s_socket2)));
    }

    [Fact]
    public void TheSizeFallback_GoesStoreThenHttpThenGivesUp_AndSurvivesAForgottenAnchor()
    {
        ResponseCreateRequest stored = Template();
        stored.Store = true;
        ConversationChain chain = ChainAt(ChainSite.ExclusiveSlot(s_socket1), "resp_1", stored);
        ResponseCreateRequest changed = stored.ShallowCopy();
        changed.Instructions = "Be thorough.";
        var options = new ResponsesClientOptions();
        var error = new ResponsesRequestTooLargeException(2048, 1024, "too large");
        var fallback = new RequestSizeFallback();

        ChainPlan full = chain.Plan(changed, ChainSite.ExclusiveSlot(s_socket2));
        Assert.True(fallback.TryNext(error, full, chain, changed, options));
        Assert.True(fallback.ThroughStore);
        Assert.False(fallback.OverHttp);
        ChainPlan through = fallback.Plan(chain, changed, ChainSite.ExclusiveSlot(s_socket2));
        Assert.Equal(ChainDecision.ContinueThroughStore, through.Decision);

        Assert.True(fallback.TryNext(error, through, chain, changed, options));
        Assert.True(fallback.OverHttp);
        Assert.False(fallback.TryNext(error, through, chain, changed, options));

        // previous_response_not_found since: nothing to chain through, so the chain's own rule (the full context).
        chain.ForgetAnchor(through);
        Assert.Equal(ChainDecision.FullNoAnchor, fallback.Plan(chain, changed, ChainSite.NoCache).Decision);

        // Without HTTP fallback and without a store, there is no next step.
        Assert.False(new RequestSizeFallback().TryNext(error, full, ChainAt(ChainSite.ExclusiveSlot(s_socket1), "resp_2"), Template(), new ResponsesClientOptions { AllowHttpFallback = false }));
    }

    private static ConversationChain ChainAt(ChainSite site, string responseId, ResponseCreateRequest? template = null)
    {
        var chain = new ConversationChain();
        ChainPlan plan = chain.Plan(template ?? Template(), site);
        Assert.Equal(ChainCommit.Committed, chain.Commit(plan, [User("hi")], Completed(responseId), [Call("call_1")]));
        return chain;
    }

    private static ResponseCreateRequest Template() => new() { Model = "gpt-5.5", Instructions = "Be brief.", Store = false };

    private static ResponseCompletedEvent Completed(string id) => new() { Response = new Response { Id = id } };

    private static Message User(string text) =>
        new() { Role = MessageRole.User, Content = new MessageContent([new InputTextContent { Text = text }]) };

    private static FunctionCall Call(string callId) => new() { Id = "fc_" + callId, CallId = callId, Name = "f", Arguments = "{\"a\":1}" };

    private static FunctionCallOutput Output(string callId) => new() { CallId = callId, Output = "42" };
}
