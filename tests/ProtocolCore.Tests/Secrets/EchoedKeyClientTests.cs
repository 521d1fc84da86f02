using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using ProtocolCore.Client;
using ProtocolCore.Events;
using ProtocolCore.Models;
using ProtocolCore.Requests;
using ProtocolCore.WebSockets;

namespace ProtocolCore.Tests.Secrets;

/// <summary>
/// A canary key through every client path a server can echo it on: an <c>error</c> event, an HTTP error body (also
/// after a 426 fallback), a refused upgrade, a close reason. It must not reach any exception text or property.
/// </summary>
public sealed class EchoedKeyClientTests
{
    public const string CanaryKey = "sk-canary-7f3e9a1c5b2d4e6f8a0b1c2d3e4f5a6b";

    [Theory]
    [InlineData(KeyEcho.ErrorEvent, ResponsesTransportMode.WebSocket)]
    [InlineData(KeyEcho.ErrorEvent, ResponsesTransportMode.Http)]
    [InlineData(KeyEcho.UpgradeRequired, ResponsesTransportMode.WebSocket)]
    [InlineData(KeyEcho.SseErrorEvent, ResponsesTransportMode.Http)]
    [InlineData(KeyEcho.SseErrorEvent, ResponsesTransportMode.WebSocket)]
    public async Task AnEchoedKeyIsRedactedFromTheApiError(KeyEcho echo, ResponsesTransportMode mode)
    {
        await using KeyEchoingServer server = await KeyEchoingServer.StartAsync(echo);
        await using var session = new ResponsesSession(Options(server), Template(), mode);

        ResponsesApiException e = await Assert.ThrowsAsync<ResponsesApiException>(() => session.CompleteTurnAsync(Input(), Timeout()));

        Assert.Equal("invalid_api_key", e.Code);
        Assert.Equal("invalid_api_key: Incorrect API key provided: [redacted]. You can find your API key in your account settings.", e.Message);
        if (echo != KeyEcho.SseErrorEvent)
        {
            // The flat SSE form has neither a status nor (here) a param.
            Assert.Equal(401, e.Status);
            Assert.Equal("[redacted]", e.Param);
        }

        AssertNoKey(e);
        if (echo is KeyEcho.UpgradeRequired or KeyEcho.SseErrorEvent)
        {
            Assert.Equal(ResponsesTransportMode.Http, session.Mode);
        }
    }

    [Fact]
    public async Task TheEventItselfStaysTheServersData()
    {
        await using KeyEchoingServer server = await KeyEchoingServer.StartAsync(KeyEcho.ErrorEvent);
        await using var session = new ResponsesSession(Options(server), Template());
        var events = new List<ResponsesEvent>();

        await Assert.ThrowsAsync<ResponsesApiException>(async () =>
        {
            await foreach (ResponsesEvent e in session.RunTurnAsync(Input(), Timeout()))
            {
                events.Add(e);
            }
        });

        ErrorEvent error = Assert.IsType<ErrorEvent>(Assert.Single(events));
        Assert.Equal(KeyEchoingServer.Rejection(CanaryKey), error.Error?.Message);
    }

    [Fact]
    public async Task AConnectionLevelErrorEndingAnotherLaneIsRedacted()
    {
        // The error carries no stream_id while only the named lane is in flight: it ends that lane as a connection-level error.
        await using KeyEchoingServer server = await KeyEchoingServer.StartAsync(KeyEcho.ErrorEvent);
        await using ResponsesConnection connection = await ResponsesConnection.ConnectAsync(Options(server), Timeout());
        ResponseCreateRequest request = Template();
        request.Input = new ResponseInput(Input());
        request.StreamId = "lane-a";

        ResponsesApiException e = await Assert.ThrowsAsync<ResponsesApiException>(async () =>
        {
            await foreach (ResponsesEvent _ in connection.SendAsync(request, Timeout()))
            {
            }
        });

        Assert.Equal("invalid_api_key", e.Code);
        AssertNoKey(e);
    }

    [Fact]
    public async Task AKeyInAnAuthorizationHeaderIsRedactedLikeTheApiKey()
    {
        await using KeyEchoingServer server = await KeyEchoingServer.StartAsync(KeyEcho.ErrorEvent);
        ResponsesClientOptions options = Options(server);
        options.ApiKey = null;
        options.WebSocket.Headers.Add(new("Authorization", "Bearer " + CanaryKey));
        await using var session = new ResponsesSession(options, Template());

        ResponsesApiException e = await Assert.ThrowsAsync<ResponsesApiException>(() => session.CompleteTurnAsync(Input(), Timeout()));

        Assert.Contains("[redacted]", e.Message, StringComparison.Ordinal);
        AssertNoKey(e);
    }

    [Fact]
    public async Task ARefusedUpgradeEchoingTheKeyIsRedactedEverywhere()
    {
        await using KeyEchoingServer server = await KeyEchoingServer.StartAsync(KeyEcho.RefusedUpgrade);
        ResponsesClientOptions options = Options(server);
        options.AllowHttpFallback = false;
        await using var session = new ResponsesSession(options, Template());

        WebSocketHandshakeException e = await Assert.ThrowsAsync<WebSocketHandshakeException>(() => session.CompleteTurnAsync(Input(), Timeout()));

        Assert.Equal(401, e.StatusCode);
        Assert.Equal("Bad key [redacted]", e.ReasonPhrase);
        Assert.Equal("The server refused the WebSocket upgrade with HTTP 401 Bad key [redacted].", e.Message);
        Assert.Contains("Incorrect API key provided: [redacted].", e.Body, StringComparison.Ordinal);
        Assert.Contains(e.Headers, h => h.Key.Equals("WWW-Authenticate", StringComparison.OrdinalIgnoreCase) && h.Value.Contains("[redacted] is not valid", StringComparison.Ordinal));
        AssertNoKey(e);
        Assert.DoesNotContain(CanaryKey, e.Body, StringComparison.Ordinal);
        Assert.DoesNotContain(CanaryKey, e.ReasonPhrase, StringComparison.Ordinal);
        Assert.All(e.Headers, h => Assert.DoesNotContain(CanaryKey, h.Value, StringComparison.Ordinal));
    }

    [Fact]
    public async Task ACloseReasonNamingTheKeyIsNotInTheFailure()
    {
        await using KeyEchoingServer server = await KeyEchoingServer.StartAsync(KeyEcho.CloseReason);
        ResponsesClientOptions options = Options(server);
        options.MaxReconnectAttempts = 0;
        await using var session = new ResponsesSession(options, Template());

        ProtocolCoreException e = await Assert.ThrowsAnyAsync<ProtocolCoreException>(() => session.CompleteTurnAsync(Input(), Timeout()));

        AssertNoKey(e);
    }

    internal static ResponsesClientOptions Options(KeyEchoingServer server) => new()
    {
        BaseUrl = server.BaseAddress,
        ApiKey = CanaryKey,
        ReconnectBaseDelay = TimeSpan.FromMilliseconds(1),
        ReconnectMaxDelay = TimeSpan.FromMilliseconds(10),
    };

    internal static ResponseCreateRequest Template() => new() { Model = "gpt-5.5", Store = false };

    internal static List<InputItem> Input() =>
        [new Message { Role = MessageRole.User, Content = new MessageContent([new InputTextContent { Text = "hi" }]) }];

    /// <summary>A hang guard only: every test ends long before it on a loaded machine.</summary>
    internal static CancellationToken Timeout() => new CancellationTokenSource(TimeSpan.FromSeconds(60)).Token;

    /// <summary>Neither the message, nor ToString (type, message, stack, inner exceptions), nor any inner message has the key.</summary>
    internal static void AssertNoKey(Exception e)
    {
        Assert.DoesNotContain(CanaryKey, e.ToString(), StringComparison.Ordinal);
        for (Exception? current = e; current is not null; current = current.InnerException)
        {
            Assert.DoesNotContain(CanaryKey, current.Message, StringComparison.Ordinal);
        }

        if (e is ResponsesApiException api)
        {
            Assert.DoesNotContain(CanaryKey, api.Code ?? "", StringComparison.Ordinal);
            Assert.DoesNotContain(CanaryKey, api.ErrorType ?? "", StringComparison.Ordinal);
            Assert.DoesNotContain(CanaryKey, api.Param ?? "", StringComparison.Ordinal);
        }
    }
}
