using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;
using ProtocolCore.Client;
using ProtocolCore.Emulator;

namespace ProtocolCore.Extensions.AI.Tests;

public sealed class ChatClientTests
{
    [Fact]
    public async Task AHistoryThatDoesNotContinueAConversationIsSentWhole()
    {
        await using EmulatorServer server = await ChatTestHost.StartAsync();
        await using ResponsesClient client = ChatTestHost.Client(server);
        using IChatClient chat = client.AsIChatClient("gpt-5.5");
        ChatOptions options = ChatTestHost.Options([], store: false);

        ChatResponse first = await chat.GetResponseAsync(ChatTestHost.Task(), options, ChatTestHost.Timeout());
        Assert.Single(first.Messages);
        FunctionCallContent[] calls = [.. first.Messages[0].Contents.OfType<FunctionCallContent>()];
        Assert.Equal(2, calls.Length);
        Assert.Equal(ChatFinishReason.ToolCalls, first.FinishReason);
        Assert.All(calls, c => Assert.IsType<Models.FunctionCall>(c.RawRepresentation));
        Assert.Equal("list_dir", calls[0].Name);
        Assert.Equal(".", calls[0].Arguments!["path"]!.ToString());

        // A different first message: no conversation holds it, so it starts a new one (a new socket, the full context).
        List<ChatMessage> other = [new ChatMessage(ChatRole.User, "Something else entirely.")];
        await chat.GetResponseAsync(other, options, ChatTestHost.Timeout());
        Assert.Equal(2, server.Counters.WebSocketConnections);
        Assert.Equal(0, server.Counters.ConnectionCacheHits);

        // The first conversation continued with its results: it is found again and chained.
        List<ChatMessage> continued = [.. ChatTestHost.Task(), .. first.Messages, new ChatMessage(ChatRole.Tool, [.. calls.Select(c => new FunctionResultContent(c.CallId, "listing"))])];
        ChatResponse second = await chat.GetResponseAsync(continued, options, ChatTestHost.Timeout());
        Assert.Equal(1, server.Counters.ConnectionCacheHits);
        Assert.Equal("run_tests", Assert.Single(second.Messages[0].Contents.OfType<FunctionCallContent>()).Name);

        // An edited history (a tool result changed) proves no prefix: the whole list goes to a new conversation.
        List<ChatMessage> edited = [.. ChatTestHost.Task(), .. first.Messages, new ChatMessage(ChatRole.Tool, [.. calls.Select(c => new FunctionResultContent(c.CallId, "changed"))])];
        await chat.GetResponseAsync(edited, options, ChatTestHost.Timeout());
        Assert.Equal(1, server.Counters.ConnectionCacheHits);
        Assert.Equal(3, server.Counters.WebSocketConnections);
    }

    [Fact]
    public async Task PooledClientRunsConversationsOnSharedSockets()
    {
        await using EmulatorServer server = await ChatTestHost.StartAsync();
        await using ResponsesClient client = ChatTestHost.Client(server, poolSize: 1);
        using IChatClient chat = client.AsIChatClient("gpt-5.5");
        ChatOptions options = ChatTestHost.Options([], store: false);

        await chat.GetResponseAsync([new ChatMessage(ChatRole.User, "one")], options, ChatTestHost.Timeout());
        await chat.GetResponseAsync([new ChatMessage(ChatRole.User, "two")], options, ChatTestHost.Timeout());

        Assert.Equal(1, server.Counters.WebSocketConnections);
        Assert.Equal(2, server.Counters.Responses);
    }

    [Fact]
    public async Task BadInputGetsTypedErrorsBeforeAnythingIsSent()
    {
        await using EmulatorServer server = await ChatTestHost.StartAsync();
        await using ResponsesClient client = ChatTestHost.Client(server);
        using IChatClient chat = client.AsIChatClient("gpt-5.5");

        await Assert.ThrowsAsync<ArgumentException>(() => chat.GetResponseAsync([], null, ChatTestHost.Timeout()));
        await Assert.ThrowsAsync<ArgumentException>(() => chat.GetResponseAsync("hi", new ChatOptions { ConversationId = "resp_unknown" }, ChatTestHost.Timeout()));
        await Assert.ThrowsAsync<NotSupportedException>(() => chat.GetResponseAsync("hi", new ChatOptions { Tools = [new HostedWebSearchTool()] }, ChatTestHost.Timeout()));
        await Assert.ThrowsAsync<ArgumentException>(() => chat.GetResponseAsync([new ChatMessage(ChatRole.User, [new AIContent()])], null, ChatTestHost.Timeout()));
        Assert.Equal(0, server.Counters.WebSocketConnections);
    }

    [Fact]
    public async Task ServicesAndMetadata()
    {
        await using var client = new ResponsesClient(new ResponsesClientOptions { BaseUrl = new Uri("http://127.0.0.1:9/v1/"), ApiKey = ChatTestHost.ApiKey });
        using IChatClient chat = client.AsIChatClient("gpt-5.5");

        ChatClientMetadata metadata = Assert.IsType<ChatClientMetadata>(chat.GetService(typeof(ChatClientMetadata)));
        Assert.Equal("gpt-5.5", metadata.DefaultModelId);
        Assert.Equal(client.BaseUrl, metadata.ProviderUri);
        Assert.Same(client, chat.GetService(typeof(ResponsesClient)));
        Assert.Null(chat.GetService(typeof(ResponsesClient), "key"));
        Assert.Throws<ArgumentException>(() => client.AsIChatClient(""));
    }
}
