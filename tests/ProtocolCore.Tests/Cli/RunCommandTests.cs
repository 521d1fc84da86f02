using System;
using System.IO;
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
}
