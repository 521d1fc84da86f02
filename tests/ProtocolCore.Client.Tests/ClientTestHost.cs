using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using ProtocolCore.Client;
using ProtocolCore.Emulator;
using ProtocolCore.Json;
using ProtocolCore.Models;
using ProtocolCore.Requests;

namespace ProtocolCore.Client.Tests;

/// <summary>Emulators, options and the scripted task for client tests: loopback, zero cost, one accepted key.</summary>
internal static class ClientTestHost
{
    public const string ApiKey = "sk-client-test-secret-4242";

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

    public static ResponsesClientOptions Options(EmulatorServer server) => new()
    {
        BaseUrl = server.BaseAddress,
        ApiKey = ApiKey,
        ReconnectBaseDelay = TimeSpan.FromMilliseconds(1),
        ReconnectMaxDelay = TimeSpan.FromMilliseconds(10),
    };

    public static ResponseCreateRequest Template() => new()
    {
        Model = "gpt-5.5",
        Instructions = ScriptedCodingAgent.Instructions,
        Store = false,
    };

    public static List<InputItem> FirstInput() =>
        [new Message { Role = MessageRole.User, Content = new MessageContent([new InputTextContent { Text = ScriptedCodingAgent.TaskPrompt }]) }];

    /// <summary>A tool loop with the emulator's scripted tools registered.</summary>
    public static ToolLoop ScriptedLoop(ResponsesSession session)
    {
        var tools = new ScriptedTools();
        var loop = new ToolLoop(session);
        foreach (Tool tool in ScriptedTools.CreateDefinitions())
        {
            var function = (FunctionTool)tool;
            string name = function.Name!;
            loop.Register(name, function.Description, function.Parameters ?? default, (arguments, _) => ValueTask.FromResult(tools.Execute(name, arguments)));
        }

        return loop;
    }

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

    public static void Fault(ResponsesSession session, string? fault)
    {
        session.Template.Metadata = fault is null ? null : new Dictionary<string, string> { ["emulator_fault"] = fault };
    }

    /// <summary>
    /// Sends a request the session does not know of on its socket's default lane: it replaces the session's last
    /// response in the connection cache, so the session's next chained request is answered previous_response_not_found.
    /// </summary>
    public static async Task EvictFromConnectionCacheAsync(ResponsesSession session, CancellationToken cancellationToken)
    {
        var stranger = new ResponseCreateRequest { Model = "gpt-5.5", Store = false, Input = FirstInput() };
        await foreach (ProtocolCore.Events.ResponsesEvent _ in session.Connection!.SendAsync(stranger, cancellationToken))
        {
        }
    }

    public static RawJson Schema(string json) => RawJson.Parse(json);
}
