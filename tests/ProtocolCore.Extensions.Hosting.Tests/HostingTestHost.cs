using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ProtocolCore.Client;
using ProtocolCore.Emulator;
using ProtocolCore.Models;
using ProtocolCore.Requests;

namespace ProtocolCore.Extensions.Hosting.Tests;

/// <summary>Emulators, containers and scripted inputs for the hosting tests: loopback, zero cost, one accepted (canary) key.</summary>
internal static class HostingTestHost
{
    /// <summary>The API key, a canary: no log entry may contain it.</summary>
    public const string ApiKey = "sk-hosting-canary-5d1e8b7c2a9f4e3d";

    /// <summary>A credential in an extra header (a gateway key), a canary too.</summary>
    public const string GatewayKey = "gw-hosting-canary-9a8b7c6d5e";

    /// <summary>Every test is bounded by this, so a hang fails instead of stalling the suite.</summary>
    public static CancellationToken Timeout() => new CancellationTokenSource(TimeSpan.FromSeconds(30)).Token;

    public static Task<EmulatorServer> StartAsync(Action<EmulatorOptions>? configure = null)
    {
        var options = new EmulatorOptions
        {
            AcceptedApiKeys = [ApiKey],
            CostModel = EmulatorCostModel.Zero,
            PersistedLookupDelay = TimeSpan.Zero,
        };
        configure?.Invoke(options);
        return EmulatorServer.StartAsync(options);
    }

    /// <summary>
    /// A container with the client registered against <paramref name="baseUrl"/> (fast reconnects, a gateway header),
    /// every log entry going to <paramref name="logs"/>, then <paramref name="configure"/> and <paramref name="services"/>.
    /// </summary>
    public static ServiceProvider Build(Uri baseUrl, CapturingLoggerProvider logs, Action<ResponsesClientOptions>? configure = null, Action<IServiceCollection>? services = null)
    {
        var collection = new ServiceCollection();
        collection.AddLogging(builder => builder.AddProvider(logs).SetMinimumLevel(LogLevel.Trace));
        collection.AddResponsesClient(options =>
        {
            options.BaseUrl = baseUrl;
            options.ApiKey = ApiKey;
            options.ReconnectBaseDelay = TimeSpan.FromMilliseconds(1);
            options.ReconnectMaxDelay = TimeSpan.FromMilliseconds(10);
            options.WebSocket.Headers.Add(new("X-Gateway-Api-Key", GatewayKey));
            configure?.Invoke(options);
        });
        services?.Invoke(collection);
        return collection.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    public static ResponseCreateRequest Template() => new()
    {
        Model = "gpt-5.5",
        Instructions = ScriptedCodingAgent.Instructions,
        Store = false,
        Tools = ScriptedTools.CreateDefinitions(),
    };

    public static List<InputItem> FirstInput() =>
        [new Message { Role = MessageRole.User, Content = new MessageContent([new InputTextContent { Text = ScriptedCodingAgent.TaskPrompt }]) }];

    /// <summary>The outputs the scripted tools give for a turn's calls.</summary>
    public static List<InputItem> Outputs(IReadOnlyList<FunctionCall> calls)
    {
        var tools = new ScriptedTools();
        var outputs = new List<InputItem>();
        foreach (FunctionCall call in calls)
        {
            outputs.Add(new FunctionCallOutput { CallId = call.CallId, Output = tools.Execute(call.Name!, call.Arguments!) });
        }

        return outputs;
    }

    /// <summary>Injects <paramref name="fault"/> into the session's next responses (null: none).</summary>
    public static void Fault(ResponsesSession session, string? fault) =>
        session.Template.Metadata = fault is null ? null : new Dictionary<string, string> { ["emulator_fault"] = fault };
}
