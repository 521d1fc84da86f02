using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;
using ProtocolCore.Client;
using ProtocolCore.Emulator;
using ProtocolCore.Events;

namespace ProtocolCore.Extensions.AI.Tests;

/// <summary>
/// M.E.AI's own <see cref="FunctionInvokingChatClient"/> runs the emulator's 24-call task through the adapter: one socket,
/// one full-context request, and every later request chained from the connection cache with only the new items (had
/// any request repeated old items, the emulator would count tool outputs twice and the script would end early).
/// </summary>
public sealed class FunctionInvocationTests
{
    [Fact]
    public async Task WholeHistoryEachTurnIsDiffedToTheNewItems()
    {
        await using EmulatorServer server = await ChatTestHost.StartAsync();
        await using ResponsesClient client = ChatTestHost.Client(server);
        List<ScriptedFunction> functions = ScriptedFunction.All();
        using IChatClient chat = ChatTestHost.WithFunctionInvocation(client.AsIChatClient("gpt-5.5"));

        // store=false: no ConversationId comes back, so the invoking client sends the whole history every turn.
        List<ChatMessage> history = ChatTestHost.Task();
        ChatResponse response = await chat.GetResponseAsync(history, ChatTestHost.Options(functions, store: false), ChatTestHost.Timeout());

        Assert.Null(response.ConversationId);
        Assert.Equal(ScriptedCodingAgent.FinalMessage, response.Text);
        Assert.Equal(ScriptedCodingAgent.TotalToolCalls, ChatTestHost.Invocations(functions));
        Assert.Equal(ScriptedCodingAgent.TurnCount, server.Counters.Responses);
        Assert.Equal(1, server.Counters.WebSocketConnections);
        Assert.Equal(ScriptedCodingAgent.TurnCount - 1, server.Counters.ConnectionCacheHits);
        Assert.Equal(ScriptedCodingAgent.TotalToolCalls, response.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>().Count());
        Assert.NotNull(response.Usage);
        Assert.IsType<Models.Response>(response.RawRepresentation);

        // The next user turn, after the whole history including the answer: still the same chain, one more cache hit.
        history.AddRange(response.Messages);
        history.Add(new ChatMessage(ChatRole.User, "Thanks. Anything else?"));
        ChatResponse next = await chat.GetResponseAsync(history, ChatTestHost.Options(functions, store: false), ChatTestHost.Timeout());

        Assert.Equal(ScriptedCodingAgent.FinalMessage, next.Text);
        Assert.Equal(ScriptedCodingAgent.TurnCount + 1, server.Counters.Responses);
        Assert.Equal(ScriptedCodingAgent.TurnCount, server.Counters.ConnectionCacheHits);
        Assert.Equal(1, server.Counters.WebSocketConnections);
    }

    [Fact]
    public async Task StreamingRunsTheTaskOnOneSocketWithRawEvents()
    {
        await using EmulatorServer server = await ChatTestHost.StartAsync();
        await using ResponsesClient client = ChatTestHost.Client(server);
        List<ScriptedFunction> functions = ScriptedFunction.All();
        using IChatClient chat = ChatTestHost.WithFunctionInvocation(client.AsIChatClient("gpt-5.5"));

        var text = new StringBuilder();
        var updates = new List<ChatResponseUpdate>();
        await foreach (ChatResponseUpdate update in chat.GetStreamingResponseAsync(ChatTestHost.Task(), ChatTestHost.Options(functions, store: false), ChatTestHost.Timeout()))
        {
            updates.Add(update);
            text.Append(update.Text);
        }

        Assert.Equal(ScriptedCodingAgent.FinalMessage, text.ToString());
        Assert.Equal(ScriptedCodingAgent.TotalToolCalls, ChatTestHost.Invocations(functions));
        Assert.Equal(ScriptedCodingAgent.TurnCount, server.Counters.Responses);
        Assert.Equal(1, server.Counters.WebSocketConnections);
        Assert.Equal(ScriptedCodingAgent.TurnCount - 1, server.Counters.ConnectionCacheHits);

        // Every update the adapter made carries the event it came from (the invoking client adds its own tool messages).
        List<ChatResponseUpdate> ours = updates.Where(u => u.RawRepresentation is ResponsesEvent).ToList();
        Assert.Equal(ScriptedCodingAgent.TurnCount, ours.Count(u => u.RawRepresentation is ResponseCreatedEvent));
        Assert.Equal(ScriptedCodingAgent.TurnCount, ours.Count(u => u.FinishReason is not null));
        Assert.Contains(ours, u => u.Contents.OfType<UsageContent>().Any());
        Assert.All(ours, u => Assert.False(string.IsNullOrEmpty(u.ResponseId)));
    }

    [Fact]
    public async Task ConversationIdChainsWithOnlyTheNewMessages()
    {
        await using EmulatorServer server = await ChatTestHost.StartAsync();
        await using ResponsesClient client = ChatTestHost.Client(server);
        List<ScriptedFunction> functions = ScriptedFunction.All();
        using IChatClient chat = ChatTestHost.WithFunctionInvocation(client.AsIChatClient("gpt-5.5"));

        // store unset: the response id comes back as ConversationId and the invoking client sends only new messages.
        ChatResponse response = await chat.GetResponseAsync(ChatTestHost.Task(), ChatTestHost.Options(functions, store: null), ChatTestHost.Timeout());

        Assert.False(string.IsNullOrEmpty(response.ConversationId));
        Assert.Equal(response.ResponseId, response.ConversationId);
        Assert.Equal(ScriptedCodingAgent.FinalMessage, response.Text);
        Assert.Equal(ScriptedCodingAgent.TotalToolCalls, ChatTestHost.Invocations(functions));
        Assert.Equal(ScriptedCodingAgent.TurnCount, server.Counters.Responses);
        Assert.Equal(1, server.Counters.WebSocketConnections);
        Assert.Equal(ScriptedCodingAgent.TurnCount - 1, server.Counters.ConnectionCacheHits);

        ChatOptions options = ChatTestHost.Options(functions, store: null);
        options.ConversationId = response.ConversationId;
        ChatResponse next = await chat.GetResponseAsync([new ChatMessage(ChatRole.User, "Thanks.")], options, ChatTestHost.Timeout());

        Assert.Equal(ScriptedCodingAgent.FinalMessage, next.Text);
        Assert.Equal(ScriptedCodingAgent.TurnCount, server.Counters.ConnectionCacheHits);
    }
}
