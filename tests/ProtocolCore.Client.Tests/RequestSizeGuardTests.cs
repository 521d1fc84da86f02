using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using ProtocolCore.Emulator;
using ProtocolCore.Events;
using ProtocolCore.Models;
using ProtocolCore.Requests;

namespace ProtocolCore.Client.Tests;

/// <summary>
/// Issue 14 §3: a request over <see cref="ResponsesClientOptions.MaxRequestMessageBytes"/> is never written. A full
/// context chains through the store when the conversation is stored, else the turn goes over HTTP, else it throws a
/// typed error with the socket left open; the emulator's own limit (1009) is never reached.
/// </summary>
public sealed class RequestSizeGuardTests
{
    /// <summary>A limit the tests' padding crosses only with the full context: one 10 KB padding fits, two do not.</summary>
    private const int Limit = 16 * 1024;

    [Fact]
    public void TheDefaultLimitIsUnderTheEmulatorsAndTooSmallALimitIsRefused()
    {
        var options = new ResponsesClientOptions();
        Assert.Equal(ResponsesClientOptions.DefaultMaxRequestMessageBytes, options.MaxRequestMessageBytes);
        Assert.Equal(15 * 1024 * 1024, options.MaxRequestMessageBytes);
        Assert.True(options.MaxRequestMessageBytes < new EmulatorOptions().MaxMessageBytes);
        Assert.Contains("MaxRequestMessageBytes = 15728640", options.ToString(), StringComparison.Ordinal);

        options.MaxRequestMessageBytes = 1023;
        ArgumentOutOfRangeException e = Assert.Throws<ArgumentOutOfRangeException>(options.Validate);
        Assert.Equal(nameof(ResponsesClientOptions.MaxRequestMessageBytes), e.ParamName);
    }

    [Fact]
    public async Task DefaultSizesNeverTriggerTheGuard()
    {
        await using EmulatorServer server = await ClientTestHost.StartAsync();
        CancellationToken ct = ClientTestHost.Timeout();
        var observer = new FallbackObserver();
        ResponsesClientOptions options = ClientTestHost.Options(server);
        options.Observer = observer;
        await using var session = new ResponsesSession(options, ClientTestHost.Template());

        ResponsesTurnResult first = await session.CompleteTurnAsync([.. ClientTestHost.FirstInput(), Padding(10_000)], ct);
        ResponsesTurnResult second = await session.CompleteTurnAsync(ClientTestHost.Outputs(first.FunctionCalls), ct);
        await session.Connection!.DisposeAsync();
        ResponsesTurnResult afterReconnect = await session.CompleteTurnAsync(ClientTestHost.Outputs(second.FunctionCalls), ct);

        Assert.False(second.SentFullContext);
        Assert.True(afterReconnect.SentFullContext);
        Assert.All(new[] { first, second, afterReconnect }, turn => Assert.Equal(ResponsesTransportMode.WebSocket, turn.Mode));
        Assert.Equal("response.completed", afterReconnect.TerminalEvent);
        Assert.Empty(observer.Causes);
        Assert.Equal(0, server.Counters.MessagesTooLarge);
    }

    [Fact]
    public async Task ByDefaultARequestOverTheGuardButUnderTheServersLimitGoesOverHttpAndNeverReachesTheSocket()
    {
        await using EmulatorServer server = await ClientTestHost.StartAsync();
        CancellationToken ct = ClientTestHost.Timeout();
        var observer = new FallbackObserver();
        ResponsesClientOptions options = ClientTestHost.Options(server);
        options.Observer = observer;
        await using var session = new ResponsesSession(options, ClientTestHost.Template());

        // Between our 15 MiB and the emulator's 16 MiB: on the socket it would be closed with 1009.
        ResponsesTurnResult turn = await session.CompleteTurnAsync([.. ClientTestHost.FirstInput(), Padding(15 * 1024 * 1024 + 512 * 1024)], ct);

        Assert.Equal("response.completed", turn.TerminalEvent);
        Assert.Equal(ResponsesTransportMode.Http, turn.Mode);
        Assert.Equal(0, turn.Retries); // the refused attempt was never written: not a retry
        Assert.Equal(ResponsesTransportMode.WebSocket, session.Mode);
        ResponsesRequestTooLargeException cause = Assert.IsType<ResponsesRequestTooLargeException>(Assert.Single(observer.Causes));
        Assert.Equal(ResponsesClientOptions.DefaultMaxRequestMessageBytes, cause.Limit);
        Assert.True(cause.MessageBytes > cause.Limit);
        Assert.Equal(0, server.Counters.MessagesTooLarge);
        Assert.True(session.Connection!.IsOpen);
        Assert.Equal(0, session.Connection.ResponseCount);
    }

    [Fact]
    public async Task AFullContextResendAfterAReconnectChainsThroughTheStoreWhenTheConversationIsStored()
    {
        await using EmulatorServer server = await ClientTestHost.StartAsync();
        CancellationToken ct = ClientTestHost.Timeout();
        ResponsesClientOptions options = ClientTestHost.Options(server);
        options.MaxRequestMessageBytes = Limit;
        ResponseCreateRequest template = ClientTestHost.Template();
        template.Store = true;
        await using var session = new ResponsesSession(options, template);
        ResponsesTurnResult first = await session.CompleteTurnAsync([.. ClientTestHost.FirstInput(), Padding(10_000)], ct);

        // A new socket and changed instructions: the chain rule alone would resend the full context (two paddings).
        await session.Connection!.DisposeAsync();
        session.Template.Instructions += " Keep it short.";
        ResponsesTurnResult second = await session.CompleteTurnAsync([.. ClientTestHost.Outputs(first.FunctionCalls), Padding(8_000)], ct);

        Assert.Equal("response.completed", second.TerminalEvent);
        Assert.Equal(ResponsesTransportMode.WebSocket, second.Mode);
        Assert.False(second.SentFullContext);
        Assert.Equal(0, second.Retries);
        Assert.Equal(first.ResponseId, second.Response!.PreviousResponseId);
        Assert.Equal(1, session.Reconnects);
        Assert.Equal(1, server.Counters.PersistedStoreHits);

        // The conversation goes on chained from the new response, on the new socket.
        ResponsesTurnResult third = await session.CompleteTurnAsync(ClientTestHost.Outputs(second.FunctionCalls), ct);
        Assert.False(third.SentFullContext);
        Assert.Equal(second.ResponseId, third.Response!.PreviousResponseId);
        Assert.Equal(0, server.Counters.PreviousResponseNotFound);
        Assert.Equal(0, server.Counters.MessagesTooLarge);
    }

    [Fact]
    public async Task AForksFullContextOverTheLimitGoesOverHttpForThatTurnWhenNothingIsStored()
    {
        await using EmulatorServer server = await ClientTestHost.StartAsync();
        CancellationToken ct = ClientTestHost.Timeout();
        var observer = new FallbackObserver();
        ResponsesClientOptions options = ClientTestHost.Options(server);
        options.MaxRequestMessageBytes = Limit;
        options.Observer = observer;
        await using ResponsesConnection connection = await ResponsesConnection.ConnectAsync(options, ct);
        await using var source = new ResponsesSession(connection.Lanes.Lease("main"), ClientTestHost.Template());
        ResponsesTurnResult parent = await source.CompleteTurnAsync([.. ClientTestHost.FirstInput(), Padding(10_000)], ct);
        await using ResponsesSession fork = source.Fork("sub");

        // The source moves on first, so the fork must send the full context, which is over the limit.
        ResponsesTurnResult moved = await source.CompleteTurnAsync(ClientTestHost.Outputs(parent.FunctionCalls), ct);
        ResponsesTurnResult forked = await fork.CompleteTurnAsync([.. ClientTestHost.Outputs(parent.FunctionCalls), Padding(8_000)], ct);

        Assert.Equal("response.completed", forked.TerminalEvent);
        Assert.Equal(ResponsesTransportMode.Http, forked.Mode);
        Assert.True(forked.SentFullContext);
        ResponsesRequestTooLargeException cause = Assert.IsType<ResponsesRequestTooLargeException>(Assert.Single(observer.Causes));
        Assert.Equal(Limit, cause.Limit);
        Assert.True(cause.MessageBytes > Limit);
        Assert.Equal(ResponsesTransportMode.WebSocket, fork.Mode);

        // The shared socket was never written to with it: still open, the source's lane goes on chained.
        Assert.True(connection.IsOpen);
        Assert.Equal(2, connection.ResponseCount);
        ResponsesTurnResult after = await source.CompleteTurnAsync(ClientTestHost.Outputs(moved.FunctionCalls), ct);
        Assert.False(after.SentFullContext);
        Assert.Equal(ResponsesTransportMode.WebSocket, after.Mode);
        Assert.Equal(4, server.Counters.Responses);
        Assert.Equal(0, server.Counters.MessagesTooLarge);
    }

    [Fact]
    public async Task AFullContextResendAfterARotationGoesOverHttpWhenNothingIsStored()
    {
        await using EmulatorServer server = await ClientTestHost.StartAsync();
        CancellationToken ct = ClientTestHost.Timeout();
        ResponsesClientOptions options = ClientTestHost.Options(server);
        options.MaxRequestMessageBytes = Limit;
        options.MaxConnectionAge = TimeSpan.FromTicks(1); // every turn rotates, so every later turn needs the full context
        await using var session = new ResponsesSession(options, ClientTestHost.Template());
        ResponsesTurnResult first = await session.CompleteTurnAsync([.. ClientTestHost.FirstInput(), Padding(10_000)], ct);
        ResponsesTurnResult second = await session.CompleteTurnAsync([.. ClientTestHost.Outputs(first.FunctionCalls), Padding(8_000)], ct);

        Assert.Equal(ResponsesTransportMode.WebSocket, first.Mode);
        Assert.Equal("response.completed", second.TerminalEvent);
        Assert.Equal(ResponsesTransportMode.Http, second.Mode);
        Assert.True(second.SentFullContext);
        Assert.Equal(1, session.Rotations);
        Assert.True(session.Connection!.IsOpen);
        Assert.Equal(0, session.Connection.ResponseCount);
        Assert.Equal(2, server.Counters.Responses);
        Assert.Equal(0, server.Counters.MessagesTooLarge);
    }

    [Fact]
    public async Task AChainedRequestTooLargeItselfGoesOverHttpChainedThroughTheStore()
    {
        await using EmulatorServer server = await ClientTestHost.StartAsync();
        CancellationToken ct = ClientTestHost.Timeout();
        ResponsesClientOptions options = ClientTestHost.Options(server);
        options.MaxRequestMessageBytes = Limit;
        ResponseCreateRequest template = ClientTestHost.Template();
        template.Store = true;
        await using var session = new ResponsesSession(options, template);
        ResponsesTurnResult first = await session.CompleteTurnAsync(ClientTestHost.FirstInput(), ct);

        // The new items alone are over the limit: the store cannot make them smaller, HTTP mode carries them.
        ResponsesTurnResult second = await session.CompleteTurnAsync([.. ClientTestHost.Outputs(first.FunctionCalls), Padding(Limit)], ct);

        Assert.Equal("response.completed", second.TerminalEvent);
        Assert.Equal(ResponsesTransportMode.Http, second.Mode);
        Assert.False(second.SentFullContext);
        Assert.Equal(0, second.Retries); // the refused chained request was never written
        Assert.Equal(first.ResponseId, second.Response!.PreviousResponseId);
        Assert.Equal(1, server.Counters.PersistedStoreHits);
        Assert.Equal(0, server.Counters.MessagesTooLarge);
    }

    [Fact]
    public async Task WithoutStoreOrHttpTheTurnThrowsBeforeSendingAndTheSessionGoesOn()
    {
        await using EmulatorServer server = await ClientTestHost.StartAsync();
        CancellationToken ct = ClientTestHost.Timeout();
        ResponsesClientOptions options = ClientTestHost.Options(server);
        options.MaxRequestMessageBytes = Limit;
        options.AllowHttpFallback = false;
        await using var session = new ResponsesSession(options, ClientTestHost.Template());
        ResponsesTurnResult first = await session.CompleteTurnAsync([.. ClientTestHost.FirstInput(), Padding(10_000)], ct);
        ResponsesConnection socket = session.Connection!;
        int items = session.Conversation.Count;

        // Changed instructions make the request carry the full context: over the limit, with no way around it.
        string instructions = session.Template.Instructions!;
        session.Template.Instructions = instructions + " Keep it short.";
        ResponsesRequestTooLargeException e = await Assert.ThrowsAsync<ResponsesRequestTooLargeException>(
            () => session.CompleteTurnAsync([.. ClientTestHost.Outputs(first.FunctionCalls), Padding(8_000)], ct));

        Assert.Equal(Limit, e.Limit);
        Assert.True(e.MessageBytes > Limit);
        Assert.Contains(e.MessageBytes.ToString("N0", System.Globalization.CultureInfo.InvariantCulture), e.Message, StringComparison.Ordinal);
        Assert.Contains(Limit.ToString("N0", System.Globalization.CultureInfo.InvariantCulture), e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(ClientTestHost.ApiKey, e.ToString(), StringComparison.Ordinal);
        Assert.Same(socket, session.Connection);
        Assert.True(socket.IsOpen);
        Assert.Equal(1, socket.ResponseCount);
        Assert.Equal(items, session.Conversation.Count);
        Assert.Equal(first.ResponseId, session.LastResponseId);

        // A smaller turn works on the same socket, chained from the last response.
        session.Template.Instructions = instructions;
        ResponsesTurnResult next = await session.CompleteTurnAsync(ClientTestHost.Outputs(first.FunctionCalls), ct);
        Assert.Equal("response.completed", next.TerminalEvent);
        Assert.False(next.SentFullContext);
        Assert.Equal(first.ResponseId, next.Response!.PreviousResponseId);
        Assert.Same(socket, session.Connection);
        Assert.Equal(0, session.Reconnects);
        Assert.Equal(2, server.Counters.Responses);
        Assert.Equal(0, server.Counters.MessagesTooLarge);
    }

    [Fact]
    public async Task AConnectionRefusesAnOversizedRequestBeforeWritingIt()
    {
        await using EmulatorServer server = await ClientTestHost.StartAsync();
        CancellationToken ct = ClientTestHost.Timeout();
        ResponsesClientOptions options = ClientTestHost.Options(server);
        options.MaxRequestMessageBytes = Limit;
        await using ResponsesConnection connection = await ResponsesConnection.ConnectAsync(options, ct);
        var oversized = new ResponseCreateRequest { Model = "gpt-5.5", Store = false, Input = new List<InputItem>([.. ClientTestHost.FirstInput(), Padding(Limit)]) };

        await Assert.ThrowsAsync<ResponsesRequestTooLargeException>(async () =>
        {
            await foreach (ResponsesEvent _ in connection.SendAsync(oversized, ct))
            {
            }
        });

        Assert.True(connection.IsOpen);
        Assert.Equal(0, connection.BytesSent);
        var small = new ResponseCreateRequest { Model = "gpt-5.5", Store = false, Input = ClientTestHost.FirstInput() };
        string? terminal = null;
        await foreach (ResponsesEvent e in connection.SendAsync(small, ct))
        {
            terminal = e.Type;
        }

        Assert.Equal("response.completed", terminal);
        Assert.Equal(0, server.Counters.MessagesTooLarge);
    }

    /// <summary>A user message of <paramref name="bytes"/> ASCII characters.</summary>
    private static Message Padding(int bytes) =>
        new() { Role = MessageRole.User, Content = new MessageContent([new InputTextContent { Text = new string('x', bytes) }]) };

    private sealed class FallbackObserver : ResponsesClientObserver
    {
        public List<Exception> Causes { get; } = [];

        public override void OnHttpFallback(Uri endpoint, Exception cause) => Causes.Add(cause);
    }
}
