using System;
using System.IO;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using ProtocolCore.Client;
using ProtocolCore.Emulator;
using ProtocolCore.Extensions.AI;
using ProtocolCore.Requests;

namespace ProtocolCore.Extensions.Hosting.Tests;

public sealed class RegistrationTests
{
    [Fact]
    public async Task TheContainerResolvesOneClientBuiltFromTheOptions()
    {
        await using EmulatorServer server = await HostingTestHost.StartAsync();
        var logs = new CapturingLoggerProvider();
        await using ServiceProvider provider = HostingTestHost.Build(server.BaseAddress, logs);

        ResponsesClient client = provider.GetRequiredService<ResponsesClient>();
        Assert.Same(client, provider.GetRequiredService<ResponsesClient>());
        Assert.Equal(server.BaseAddress, client.BaseUrl);
        ResponsesClientOptions options = provider.GetRequiredService<IOptions<ResponsesClientOptions>>().Value;
        Assert.IsType<ResponsesClientLoggingObserver>(options.Observer);
        Assert.NotNull(options.HttpHandlerFactory);

        await using ResponsesSession session = client.CreateSession(HostingTestHost.Template());
        ResponsesTurnResult turn = await session.CompleteTurnAsync(HostingTestHost.FirstInput(), HostingTestHost.Timeout());
        Assert.Equal("response.completed", turn.TerminalEvent);
        Assert.Equal(1, server.Counters.WebSocketConnections);

        // Connects are routine: Debug, with the endpoint and the connection's id.
        CapturedLog connected = Assert.Single(logs.WithEventId(1));
        Assert.Equal(Microsoft.Extensions.Logging.LogLevel.Debug, connected.Level);
        Assert.Contains(session.Connection!.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), connected.Message, StringComparison.Ordinal);
        Assert.Contains("/responses", connected.Message, StringComparison.Ordinal);
        logs.AssertNoSecret(HostingTestHost.ApiKey, HostingTestHost.GatewayKey);
    }

    [Fact]
    public async Task OptionsTheApplicationSetAreKept()
    {
        var mine = new RecordingObserver();
        var handler = new HttpClientHandler();
        Func<HttpMessageHandler> handlers = () => handler;
        await using ServiceProvider provider = HostingTestHost.Build(new Uri("http://127.0.0.1:1/v1/"), new CapturingLoggerProvider(), o =>
        {
            o.Observer = mine;
            o.HttpHandlerFactory = handlers;
        });

        ResponsesClientOptions options = provider.GetRequiredService<IOptions<ResponsesClientOptions>>().Value;
        Assert.Same(mine, options.Observer);
        Assert.Same(handlers, options.HttpHandlerFactory);
        handler.Dispose();
    }

    [Theory]
    [InlineData("IdleTimeout")]
    [InlineData("BaseUrl")]
    [InlineData("ApplicationId")]
    [InlineData("Header")]
    public async Task InvalidOptionsFailTheHostStart(string what)
    {
        HostApplicationBuilder builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddResponsesClient(o =>
        {
            o.ApiKey = HostingTestHost.ApiKey;
            switch (what)
            {
                case "IdleTimeout":
                    o.IdleTimeout = TimeSpan.Zero;
                    break;
                case "BaseUrl":
                    o.BaseUrl = new Uri("ftp://example.com/");
                    break;
                case "ApplicationId":
                    o.ApplicationId = "my app";
                    break;
                default:
                    o.WebSocket.Headers.Add(new("X-Gateway-Api-Key", HostingTestHost.GatewayKey + "\r\nX-Injected: 1"));
                    break;
            }
        });
        using IHost host = builder.Build();

        OptionsValidationException e = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync(HostingTestHost.Timeout()));

        Assert.Contains(what == "Header" ? "X-Gateway-Api-Key" : what, e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(HostingTestHost.GatewayKey, e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(HostingTestHost.ApiKey, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ValidOptionsLetTheHostStart()
    {
        HostApplicationBuilder builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddResponsesClient(o => o.ApiKey = HostingTestHost.ApiKey);
        using IHost host = builder.Build();

        await host.StartAsync(HostingTestHost.Timeout());
        await host.StopAsync(HostingTestHost.Timeout());
    }

    [Fact]
    public async Task TheChatClientIsRegisteredOverTheClient()
    {
        await using EmulatorServer server = await HostingTestHost.StartAsync();
        var logs = new CapturingLoggerProvider();
        await using ServiceProvider provider = HostingTestHost.Build(server.BaseAddress, logs, services: services =>
            services.AddChatClient(sp => sp.GetRequiredService<ResponsesClient>().AsIChatClient("gpt-5.5")).UseFunctionInvocation());

        IChatClient chat = provider.GetRequiredService<IChatClient>();
        var chatOptions = new ChatOptions
        {
            Tools = [AIFunctionFactory.Create((string path) => File.Exists(path) ? File.ReadAllText(path) : "no such file", "read_file", "Read a text file.")],
            RawRepresentationFactory = _ => new ResponseCreateRequest { Store = false },
        };
        ChatResponse answer = await chat.GetResponseAsync("Why does the test fail?", chatOptions, HostingTestHost.Timeout());

        Assert.NotEmpty(answer.Messages);
        Assert.True(server.Counters.Responses > 0);
        Assert.NotNull(chat.GetService<FunctionInvokingChatClient>());
        Assert.NotEmpty(logs.WithEventId(1));
    }

    [Fact]
    public void TheOptionsDescriptionHasNoSecret()
    {
        var options = new ResponsesClientOptions { ApiKey = HostingTestHost.ApiKey };
        options.WebSocket.Headers.Add(new("X-Gateway-Api-Key", HostingTestHost.GatewayKey));
        options.Observer = new RecordingObserver();

        string text = options.ToString();

        Assert.DoesNotContain(HostingTestHost.ApiKey, text, StringComparison.Ordinal);
        Assert.DoesNotContain(HostingTestHost.GatewayKey, text, StringComparison.Ordinal);
    }

    /// <summary>An observer of the application's own (the container must not replace it).</summary>
    private sealed class RecordingObserver : ResponsesClientObserver
    {
        public int Connects;

        public override void OnConnected(Uri endpoint, int connectionId) => Interlocked.Increment(ref Connects);
    }
}
