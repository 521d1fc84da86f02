using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;
using ProtocolCore.Client;
using ProtocolCore.Emulator;
using ProtocolCore.Requests;

namespace ProtocolCore.Extensions.AI.Tests;

/// <summary>The emulator, a client for it, and the scripted task as M.E.AI chat options.</summary>
internal static class ChatTestHost
{
    public const string ApiKey = "sk-chat-test-secret-4242";

    /// <summary>Every test is bounded by this, so a hang fails instead of stalling the suite.</summary>
    public static CancellationToken Timeout() => new CancellationTokenSource(TimeSpan.FromSeconds(60)).Token;

    public static Task<EmulatorServer> StartAsync() => EmulatorServer.StartAsync(new EmulatorOptions
    {
        AcceptedApiKeys = [ApiKey],
        CostModel = EmulatorCostModel.Zero,
        PersistedLookupDelay = TimeSpan.Zero,
    });

    public static ResponsesClient Client(EmulatorServer server, int poolSize = 0) => new(new ResponsesClientOptions
    {
        BaseUrl = server.BaseAddress,
        ApiKey = ApiKey,
        ConnectionPoolSize = poolSize,
    });

    /// <summary>The task's tools and instructions; <paramref name="store"/> goes into the request through the raw representation factory.</summary>
    public static ChatOptions Options(IEnumerable<AIFunction> tools, bool? store) => new()
    {
        Instructions = ScriptedCodingAgent.Instructions,
        Tools = [.. tools],
        RawRepresentationFactory = _ => new ResponseCreateRequest { Store = store },
    };

    public static IChatClient WithFunctionInvocation(IChatClient inner) =>
        new ChatClientBuilder(inner).UseFunctionInvocation(configure: f => f.MaximumIterationsPerRequest = 64).Build();

    public static List<ChatMessage> Task() => [new ChatMessage(ChatRole.User, ScriptedCodingAgent.TaskPrompt)];

    public static int Invocations(IEnumerable<ScriptedFunction> functions) => functions.Sum(f => f.Invocations);
}
