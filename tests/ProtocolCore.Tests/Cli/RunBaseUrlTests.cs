using System;
using System.Collections.Generic;
using System.Globalization;
using System.Threading.Tasks;
using ProtocolCore.Cli.Commands;
using ProtocolCore.Emulator;

namespace ProtocolCore.Tests.Cli;

/// <summary><c>run --base-url</c> takes the URL in whichever form a user copied: the API base or the WebSocket endpoint.</summary>
public sealed class RunBaseUrlTests
{
    [Theory]
    [InlineData("http://127.0.0.1:{0}/v1")]
    [InlineData("http://127.0.0.1:{0}/v1/")]
    [InlineData("ws://127.0.0.1:{0}/v1/responses")]
    [InlineData("ws://127.0.0.1:{0}/v1")]
    [InlineData("http://127.0.0.1:{0}/v1/responses")]
    public async Task EveryFormReachesTheEmulatorOverWebSocket(string form)
    {
        await using EmulatorServer server = await EmulatorServer.StartAsync(new EmulatorOptions { CostModel = EmulatorCostModel.Zero, AcceptedApiKeys = ["sk-base-url-test"] });
        string baseUrl = string.Format(CultureInfo.InvariantCulture, form, server.BaseAddress.Port);

        // "--" lets a prompt start with a dash; without it that would be an unknown option.
        var (exit, output, errors) = await CliProcess.RunAsync(
            ["run", "--base-url", baseUrl, "--", "-fix the failing test"],
            new Dictionary<string, string> { ["OPENAI_API_KEY"] = "sk-base-url-test" });

        Assert.True(exit == 0, errors);
        Assert.Contains("[function_call ", output, StringComparison.Ordinal);
        Assert.Contains("response.completed over WebSocket", errors, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://api.openai.com/v1")]
    [InlineData("wss://api.openai.com/v1/responses")]
    [InlineData("wss://api.openai.com/v1")]
    [InlineData("ws://127.0.0.1:8089/v1/responses")]
    public void TheWebSocketFormsAreAccepted(string text)
    {
        Assert.NotNull(RunCommand.ParseBaseUrl(text));
    }

    [Theory]
    [InlineData("api.openai.com/v1")]
    [InlineData("ftp://api.openai.com/v1")]
    [InlineData("file:///v1")]
    [InlineData("https://")]
    public void OtherFormsAreRefused(string text)
    {
        Assert.Null(RunCommand.ParseBaseUrl(text));
    }
}
