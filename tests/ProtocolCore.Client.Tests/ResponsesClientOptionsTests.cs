using System;
using ProtocolCore.Client;

namespace ProtocolCore.Client.Tests;

public sealed class ResponsesClientOptionsTests
{
    public static TheoryData<string> OutOfRange => new()
    {
        nameof(ResponsesClientOptions.ConnectTimeout),
        nameof(ResponsesClientOptions.FirstEventTimeout),
        nameof(ResponsesClientOptions.IdleTimeout),
        nameof(ResponsesClientOptions.MaxConnectionAge),
        nameof(ResponsesClientOptions.MaxReconnectAttempts),
        nameof(ResponsesClientOptions.MaxInFlightResponses),
        nameof(ResponsesClientOptions.MaxBufferedEventsPerResponse),
        nameof(ResponsesClientOptions.ReconnectMaxDelay),
    };

    [Fact]
    public void TheDefaultsAreValid()
    {
        new ResponsesClientOptions().Validate();
    }

    [Theory]
    [MemberData(nameof(OutOfRange))]
    public void AnOutOfRangeValueIsRejectedByName(string name)
    {
        var options = new ResponsesClientOptions();
        switch (name)
        {
            case nameof(ResponsesClientOptions.ConnectTimeout): options.ConnectTimeout = TimeSpan.Zero; break;
            case nameof(ResponsesClientOptions.FirstEventTimeout): options.FirstEventTimeout = TimeSpan.FromSeconds(-1); break;
            case nameof(ResponsesClientOptions.IdleTimeout): options.IdleTimeout = TimeSpan.Zero; break;
            case nameof(ResponsesClientOptions.MaxConnectionAge): options.MaxConnectionAge = TimeSpan.Zero; break;
            case nameof(ResponsesClientOptions.MaxReconnectAttempts): options.MaxReconnectAttempts = -1; break;
            case nameof(ResponsesClientOptions.MaxInFlightResponses): options.MaxInFlightResponses = 0; break;
            case nameof(ResponsesClientOptions.MaxBufferedEventsPerResponse): options.MaxBufferedEventsPerResponse = 0; break;
            default: options.ReconnectMaxDelay = options.ReconnectBaseDelay - TimeSpan.FromMilliseconds(1); break;
        }

        ArgumentException e = Assert.ThrowsAny<ArgumentException>(options.Validate);
        Assert.Equal(name, e.ParamName);
    }

    [Fact]
    public void ToStringShowsTheLimitsButNeverTheApiKey()
    {
        var options = new ResponsesClientOptions { ApiKey = "sk-secret-value-123", MaxBufferedEventsPerResponse = 77 };
        string text = options.ToString();
        Assert.DoesNotContain("sk-secret-value-123", text, StringComparison.Ordinal);
        Assert.Contains("ApiKey = (set)", text, StringComparison.Ordinal);
        Assert.Contains("MaxBufferedEventsPerResponse = 77", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://api.openai.com/v1", "wss://api.openai.com/v1/responses", "https://api.openai.com/v1/responses")]
    [InlineData("https://api.openai.com/v1/", "wss://api.openai.com/v1/responses", "https://api.openai.com/v1/responses")]
    [InlineData("wss://api.openai.com/v1/responses", "wss://api.openai.com/v1/responses", "https://api.openai.com/v1/responses")]
    [InlineData("wss://api.openai.com/v1/responses/", "wss://api.openai.com/v1/responses", "https://api.openai.com/v1/responses")]
    [InlineData("https://api.openai.com/v1/responses", "wss://api.openai.com/v1/responses", "https://api.openai.com/v1/responses")]
    [InlineData("http://127.0.0.1:8089/v1", "ws://127.0.0.1:8089/v1/responses", "http://127.0.0.1:8089/v1/responses")]
    [InlineData("ws://127.0.0.1:8089/v1/", "ws://127.0.0.1:8089/v1/responses", "http://127.0.0.1:8089/v1/responses")]
    [InlineData("ws://127.0.0.1:8089/v1/responses", "ws://127.0.0.1:8089/v1/responses", "http://127.0.0.1:8089/v1/responses")]
    [InlineData("http://proxy.example/openai/v1", "ws://proxy.example/openai/v1/responses", "http://proxy.example/openai/v1/responses")]
    public void EveryFormOfTheBaseUrlGivesOneEndpointPerMode(string baseUrl, string webSocket, string http)
    {
        var options = new ResponsesClientOptions { BaseUrl = new Uri(baseUrl) };

        Assert.Equal(webSocket, options.WebSocketUri.ToString());
        Assert.Equal(http, options.ResponsesUri.ToString());
    }
}
