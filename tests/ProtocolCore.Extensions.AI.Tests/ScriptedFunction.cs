using System.Collections.Generic;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;
using ProtocolCore.Emulator;
using ProtocolCore.Models;

namespace ProtocolCore.Extensions.AI.Tests;

/// <summary>One of the emulator's scripted tools as an <see cref="AIFunction"/>, counting its invocations.</summary>
internal sealed class ScriptedFunction : AIFunction
{
    private static readonly ScriptedTools s_tools = new();
    private readonly FunctionTool _definition;
    private int _invocations;

    private ScriptedFunction(FunctionTool definition) => _definition = definition;

    public override string Name => _definition.Name!;

    public override string Description => _definition.Description ?? "";

    public override JsonElement JsonSchema => JsonDocument.Parse(_definition.Parameters!.Value.Memory).RootElement.Clone();

    public int Invocations => Volatile.Read(ref _invocations);

    public static List<ScriptedFunction> All()
    {
        var functions = new List<ScriptedFunction>();
        foreach (Tool tool in ScriptedTools.CreateDefinitions())
        {
            functions.Add(new ScriptedFunction((FunctionTool)tool));
        }

        return functions;
    }

    protected override ValueTask<object?> InvokeCoreAsync(AIFunctionArguments arguments, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _invocations);
        var values = new Dictionary<string, object?>(arguments);
        string json = JsonSerializer.Serialize(values, AIJsonUtilities.DefaultOptions);
        return ValueTask.FromResult<object?>(s_tools.Execute(Name, json));
    }
}
