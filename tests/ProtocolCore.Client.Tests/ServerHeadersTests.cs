using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using ProtocolCore.Emulator;
using ProtocolCore.Models;
using Xunit;

namespace ProtocolCore.Client.Tests;

/// <summary>
/// What the server tells us per turn (issue 14 §4): the request id and rate limits of the upgrade, of HTTP responses
/// and of error events' <c>headers</c>, the usage and service tier applied; credentials never kept.
/// </summary>
public sealed class ServerHeadersTests
{
    // The emulator's fixed rate-limit headers (docs/emulator.md).
    private const long LimitRequests = 10_000;
    private const long LimitTokens = 30_000_000;

    [Fact]
    public async Task WebSocketTurnCarriesTheUpgradesRequestIdAndRateLimits()
    {
        await using EmulatorServer server = await ClientTestHost.StartAsync();
        await using var session = new ResponsesSession(ClientTestHost.Options(server), ClientTestHost.Template());

        ResponsesTurnResult first = await session.CompleteTurnAsync(ClientTestHost.FirstInput(), ClientTestHost.Timeout());
        ResponsesTurnResult second = await session.CompleteTurnAsync(ClientTestHost.Outputs(first.FunctionCalls), ClientTestHost.Timeout());

        ResponsesServerHeaders headers = Assert.IsType<ResponsesServerHeaders>(first.ServerHeaders);
        Assert.StartsWith("req_emu_", headers.RequestId, StringComparison.Ordinal);
        Assert.Equal(LimitRequests, headers.LimitRequests);
        Assert.Equal(LimitRequests - 1, headers.RemainingRequests);
        Assert.Equal(TimeSpan.FromMilliseconds(6), headers.ResetRequests);
        Assert.Equal(LimitTokens, headers.LimitTokens);
        Assert.Equal(TimeSpan.Zero, headers.ResetTokens);

        // One socket, one upgrade: both turns report the connection's request id.
        Assert.Same(session.Connection!.UpgradeHeaders, second.ServerHeaders);
        Assert.Equal(headers.RequestId, session.Connection.UpgradeHeaders!.RequestId);
    }

    [Fact]
    public async Task HttpTurnsCarryTheirOwnResponsesRequestId()
    {
        await using EmulatorServer server = await ClientTestHost.StartAsync();
        await using var session = new ResponsesSession(ClientTestHost.Options(server), ClientTestHost.Template(), ResponsesTransportMode.Http);

        ResponsesTurnResult first = await session.CompleteTurnAsync(ClientTestHost.FirstInput(), ClientTestHost.Timeout());
        ResponsesTurnResult second = await session.CompleteTurnAsync(ClientTestHost.Outputs(first.FunctionCalls), ClientTestHost.Timeout());

        string? firstId = first.ServerHeaders?.RequestId;
        string? secondId = second.ServerHeaders?.RequestId;
        Assert.StartsWith("req_emu_", firstId, StringComparison.Ordinal);
        Assert.StartsWith("req_emu_", secondId, StringComparison.Ordinal);
        Assert.NotEqual(firstId, secondId);
        Assert.Equal(LimitTokens, second.ServerHeaders!.RemainingTokens);
    }

    [Fact]
    public async Task TurnResultExposesTheUsageAndServiceTierTheServerApplied()
    {
        await using EmulatorServer server = await ClientTestHost.StartAsync();
        await using var session = new ResponsesSession(ClientTestHost.Options(server), ClientTestHost.Template());

        ResponsesTurnResult result = await session.CompleteTurnAsync(ClientTestHost.FirstInput(), ClientTestHost.Timeout());

        Assert.NotNull(result.Usage);
        Assert.Same(result.Response!.Usage, result.Usage);
        Assert.True(result.Usage!.InputTokens > 0);
        Assert.Equal(result.Response.ServiceTier, result.ServiceTier);
    }

    [Fact]
    public async Task WebSocketErrorEventCarriesItsOwnRequestId()
    {
        await using EmulatorServer server = await ClientTestHost.StartAsync();
        ResponsesClientOptions options = ClientTestHost.Options(server);
        options.AllowHttpFallback = false;
        await using var session = new ResponsesSession(options, ClientTestHost.Template());
        session.Template.Background = true;

        ResponsesApiException error = await Assert.ThrowsAsync<ResponsesApiException>(() => session.CompleteTurnAsync(ClientTestHost.FirstInput(), ClientTestHost.Timeout()));

        string? errorId = error.ServerHeaders?.RequestId;
        Assert.StartsWith("req_emu_", errorId, StringComparison.Ordinal);
        Assert.NotEqual(session.Connection!.UpgradeHeaders!.RequestId, errorId);
    }

    [Fact]
    public async Task HttpErrorStatusCarriesTheResponsesRequestIdAndRateLimits()
    {
        await using EmulatorServer server = await ClientTestHost.StartAsync();
        await using var session = new ResponsesSession(ClientTestHost.Options(server), ClientTestHost.Template(), ResponsesTransportMode.Http);
        ClientTestHost.Fault(session, "no_such_fault");

        ResponsesApiException error = await Assert.ThrowsAsync<ResponsesApiException>(() => session.CompleteTurnAsync(ClientTestHost.FirstInput(), ClientTestHost.Timeout()));

        Assert.Equal(400, error.Status);
        Assert.StartsWith("req_emu_", error.ServerHeaders?.RequestId, StringComparison.Ordinal);
        Assert.Equal(LimitRequests, error.ServerHeaders!.LimitRequests);
    }

    [Fact]
    public void KeepsOnlyOperationalHeadersAndRedactsCredentials()
    {
        const string Key = "sk-canary-0123456789";
        ResponsesServerHeaders headers = ResponsesServerHeaders.From(
            [
                new("X-Request-Id", "req_" + Key),
                new("Set-Cookie", "session=" + Key),
                new("Authorization", "Bearer " + Key),
                new("x-ratelimit-remaining-tokens", "42"),
                new("Retry-After", "2"),
            ],
            SecretRedactor.Create(Key))!;

        Assert.Equal(["retry-after", "x-ratelimit-remaining-tokens", "x-request-id"], Sorted(headers.Values.Keys));
        Assert.Equal("req_" + SecretRedactor.Replacement, headers.RequestId);
        Assert.Equal(42, headers.RemainingTokens);
        Assert.Equal(TimeSpan.FromSeconds(2), headers.RetryAfter);
        Assert.DoesNotContain(Key, headers.ToString(), StringComparison.Ordinal);
        Assert.Null(ResponsesServerHeaders.From([new("Content-Type", "text/plain")], SecretRedactor.None));
    }

    [Fact]
    public void RetryAfterMillisecondsWinsOverSeconds()
    {
        ResponsesServerHeaders headers = ResponsesServerHeaders.From([new("retry-after", "3"), new("retry-after-ms", "250")], SecretRedactor.None)!;
        Assert.Equal(TimeSpan.FromMilliseconds(250), headers.RetryAfter);
    }

    [Theory]
    [InlineData("20ms", 0.02)]
    [InlineData("1s", 1)]
    [InlineData("6m0s", 360)]
    [InlineData("1h2m3.5s", 3723.5)]
    [InlineData("0.5", 0.5)]
    [InlineData("17", 17)]
    public void ParsesRateLimitResets(string text, double seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), ResponsesServerHeaders.ParseDuration(text));

    [Theory]
    [InlineData("")]
    [InlineData("soon")]
    [InlineData("5 parsecs")]
    [InlineData("3d")]
    [InlineData("-1")]
    [InlineData("m5")]
    public void RefusesResetsItCannotRead(string text) => Assert.Null(ResponsesServerHeaders.ParseDuration(text));

    private static List<string> Sorted(IEnumerable<string> names)
    {
        var list = new List<string>(names);
        list.Sort(StringComparer.Ordinal);
        return list;
    }
}
