using System;
using System.Threading.Tasks;
using ProtocolCore.Emulator;
using ProtocolCore.Requests;

namespace ProtocolCore.Client.Tests;

/// <summary>
/// The entry point. These tests set OPENAI_API_KEY and OPENAI_BASE_URL for the process; only
/// <see cref="ResponsesClient"/> reads them, and only this class creates one here (its tests run one at a time).
/// </summary>
public sealed class ResponsesClientTests
{
    [Fact]
    public async Task ApiKeyDefaultsToTheEnvironmentAndIsNeverPrinted()
    {
        await using EmulatorServer server = await ClientTestHost.StartAsync();
        using var environment = new EnvironmentScope((ResponsesClient.ApiKeyEnvironmentVariable, ClientTestHost.ApiKey), (ResponsesClient.BaseUrlEnvironmentVariable, null));
        var options = new ResponsesClientOptions { BaseUrl = server.BaseAddress };
        await using var client = new ResponsesClient(options);

        Assert.Null(options.ApiKey);
        Assert.Contains("ApiKey = (set)", client.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(ClientTestHost.ApiKey, client.ToString(), StringComparison.Ordinal);

        // The emulator accepts only that key: a completed turn proves it was sent.
        ResponsesSession session = client.CreateSession(ClientTestHost.Template());
        ResponsesTurnResult turn = await session.CompleteTurnAsync([InputItems.UserMessage(ScriptedCodingAgent.TaskPrompt)], ClientTestHost.Timeout());
        Assert.Equal("response.completed", turn.TerminalEvent);
    }

    [Fact]
    public async Task DefaultConstructorReadsTheBaseUrlFromTheEnvironment()
    {
        using (new EnvironmentScope((ResponsesClient.BaseUrlEnvironmentVariable, null), (ResponsesClient.ApiKeyEnvironmentVariable, null)))
        {
            await using var client = new ResponsesClient();
            Assert.Equal(new Uri("https://api.openai.com/v1/"), client.BaseUrl);
            Assert.Contains("ApiKey = (none)", client.ToString(), StringComparison.Ordinal);
        }

        using (new EnvironmentScope((ResponsesClient.BaseUrlEnvironmentVariable, "http://127.0.0.1:8089/v1")))
        {
            await using var client = new ResponsesClient();
            Assert.Equal(new Uri("http://127.0.0.1:8089/v1"), client.BaseUrl);
        }

        using (new EnvironmentScope((ResponsesClient.BaseUrlEnvironmentVariable, "not a url")))
        {
            ArgumentException e = Assert.Throws<ArgumentException>(() => new ResponsesClient());
            Assert.Contains(ResponsesClient.BaseUrlEnvironmentVariable, e.Message, StringComparison.Ordinal);
        }

        Assert.Throws<ArgumentOutOfRangeException>(() => new ResponsesClient(new ResponsesClientOptions { ApiKey = "k", ConnectionPoolSize = -1 }));
    }

    [Fact]
    public async Task OptionsAreCopiedWhenTheClientIsCreated()
    {
        await using EmulatorServer server = await ClientTestHost.StartAsync();
        ResponsesClientOptions options = ClientTestHost.Options(server);
        await using var client = new ResponsesClient(options);
        options.BaseUrl = new Uri("http://127.0.0.1:9/v1/");
        options.ApiKey = "sk-wrong-key-for-this-test";

        ResponsesSession session = client.CreateSession(ClientTestHost.Template());
        ResponsesTurnResult turn = await session.CompleteTurnAsync(ClientTestHost.FirstInput(), ClientTestHost.Timeout());

        Assert.Equal("response.completed", turn.TerminalEvent);
        Assert.Equal(server.BaseAddress, client.BaseUrl);
    }

    [Fact]
    public async Task PooledSessionsShareSocketsAndDisposeClosesEverything()
    {
        await using EmulatorServer server = await ClientTestHost.StartAsync();
        ResponsesClientOptions options = ClientTestHost.Options(server);
        options.ConnectionPoolSize = 2;
        var client = new ResponsesClient(options);
        Assert.NotNull(client.Pool);
        Assert.Equal(2, client.Pool!.MaxConnections);

        ResponsesSession a = client.CreateSession(ClientTestHost.Template());
        ResponsesSession b = client.CreateSession(ClientTestHost.Template());
        await a.CompleteTurnAsync(ClientTestHost.FirstInput(), ClientTestHost.Timeout());
        await b.CompleteTurnAsync(ClientTestHost.FirstInput(), ClientTestHost.Timeout());
        Assert.Equal(1, server.Counters.WebSocketConnections);
        Assert.Equal(1, client.Pool.IdleConnections);

        ResponsesSession own = client.CreateSession(ClientTestHost.Template(), ResponsesTransportMode.Http);
        Assert.Equal(ResponsesTransportMode.Http, own.Mode);

        await client.DisposeAsync();
        Assert.Equal(0, client.Pool.IdleConnections);
        Assert.Throws<ObjectDisposedException>(() => client.CreateSession(ClientTestHost.Template()));
        await client.DisposeAsync();
    }

    [Fact]
    public async Task DisposeClosesTheSessionsOwnSockets()
    {
        await using EmulatorServer server = await ClientTestHost.StartAsync();
        var client = new ResponsesClient(ClientTestHost.Options(server));
        Assert.Null(client.Pool);
        ResponsesSession session = client.CreateSession(ClientTestHost.Template());
        await session.CompleteTurnAsync(ClientTestHost.FirstInput(), ClientTestHost.Timeout());
        ResponsesConnection connection = session.Connection!;
        Assert.True(connection.IsOpen);

        await client.DisposeAsync();

        Assert.False(connection.IsOpen);
        Assert.Null(session.Connection);
    }

    /// <summary>Sets environment variables for a test and puts the old values back.</summary>
    private sealed class EnvironmentScope : IDisposable
    {
        private readonly (string Name, string? Value)[] _saved;

        public EnvironmentScope(params (string Name, string? Value)[] values)
        {
            _saved = new (string, string?)[values.Length];
            for (int i = 0; i < values.Length; i++)
            {
                _saved[i] = (values[i].Name, Environment.GetEnvironmentVariable(values[i].Name));
                Environment.SetEnvironmentVariable(values[i].Name, values[i].Value);
            }
        }

        public void Dispose()
        {
            foreach ((string name, string? value) in _saved)
            {
                Environment.SetEnvironmentVariable(name, value);
            }
        }
    }
}
