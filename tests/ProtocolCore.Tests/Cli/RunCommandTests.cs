using System;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using ProtocolCore.Cli.Commands;
using ProtocolCore.Client;
using ProtocolCore.Emulator;

namespace ProtocolCore.Tests.Cli;

public class RunCommandTests
{
    [Theory]
    [InlineData(ResponsesTransportMode.WebSocket)]
    [InlineData(ResponsesTransportMode.Http)]
    public async Task OneTurnAgainstTheEmulatorPrintsItsCallsAndASummary(ResponsesTransportMode mode)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await using EmulatorServer server = await EmulatorServer.StartAsync(new EmulatorOptions { CostModel = EmulatorCostModel.Zero, AcceptedApiKeys = ["sk-run-test"] }, timeout.Token);
        var output = new StringWriter();
        var errors = new StringWriter();
        var options = new ResponsesClientOptions { BaseUrl = server.BaseAddress, ApiKey = "sk-run-test" };

        int exit = await RunCommand.RunAsync(options, "gpt-5.5", "Fix the failing test.", mode, output, errors, timeout.Token);

        Assert.Equal(0, exit);
        Assert.Contains("[function_call ", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("response.completed over " + (mode == ResponsesTransportMode.WebSocket ? "WebSocket" : "HTTP"), errors.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("sk-run-test", output + errors.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AWrongKeyIsAnErrorWithoutTheKey()
    {
        await using EmulatorServer server = await EmulatorServer.StartAsync(new EmulatorOptions { CostModel = EmulatorCostModel.Zero, AcceptedApiKeys = ["sk-right"] });
        var errors = new StringWriter();
        var options = new ResponsesClientOptions { BaseUrl = server.BaseAddress, ApiKey = "sk-wrong-777", AllowHttpFallback = false, MaxReconnectAttempts = 0 };
        int exit = await RunCommand.RunAsync(options, "m", "hi", ResponsesTransportMode.Http, new StringWriter(), errors, CancellationToken.None);
        Assert.Equal(1, exit);
        Assert.Contains("invalid_api_key", errors.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("sk-wrong-777", errors.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ARefusedConnectionWithHttpFallbackIsOneErrorLineAndExitOne()
    {
        // A port nobody listens on: bound once to learn a free number, then released.
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        int port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();

        var errors = new StringWriter();
        var options = new ResponsesClientOptions { BaseUrl = new Uri($"http://127.0.0.1:{port}/v1/"), ApiKey = "sk-refused-31337", MaxReconnectAttempts = 0 };
        options.WebSocket.UseEnvironmentProxy = false;
        int exit = await RunCommand.RunAsync(options, "m", "hi", ResponsesTransportMode.WebSocket, new StringWriter(), errors, CancellationToken.None);

        Assert.Equal(1, exit);
        string text = errors.ToString();
        Assert.StartsWith("error: ", text, StringComparison.Ordinal);
        Assert.Contains("nothing was sent", text, StringComparison.Ordinal);
        Assert.Single(text.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.DoesNotContain(" at ", text, StringComparison.Ordinal);
        Assert.DoesNotContain("sk-refused-31337", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AHeaderTimeoutWithHttpFallbackNamesTheTimeout()
    {
        // Accepts TCP connections (the kernel's backlog does) and never answers: the upgrade and the POST both stall.
        var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        try
        {
            var errors = new StringWriter();
            var options = new ResponsesClientOptions
            {
                BaseUrl = new Uri($"http://127.0.0.1:{((IPEndPoint)silent.LocalEndpoint).Port}/v1/"),
                ApiKey = "sk-silent-31337",
                // Generous beside the header wait, so a slow thread pool cannot make the connect itself time out.
                ConnectTimeout = TimeSpan.FromSeconds(2),
                FirstEventTimeout = TimeSpan.FromMilliseconds(200),
                MaxReconnectAttempts = 0,
            };
            options.WebSocket.UseEnvironmentProxy = false;
            int exit = await RunCommand.RunAsync(options, "m", "hi", ResponsesTransportMode.WebSocket, new StringWriter(), errors, CancellationToken.None);

            Assert.Equal(1, exit);
            string text = errors.ToString();
            Assert.StartsWith("error: ", text, StringComparison.Ordinal);
            Assert.Contains("NOT replayed", text, StringComparison.Ordinal);
            Assert.Contains("ConnectTimeout + FirstEventTimeout", text, StringComparison.Ordinal);
            Assert.Single(text.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        }
        finally
        {
            silent.Stop();
        }
    }
}
