using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Threading.Tasks;
using ProtocolCore.Emulator;

namespace ProtocolCore.Docs.Tests;

/// <summary>
/// Every C# block of README.md and docs/client.md compiles and runs against the in-process emulator, so the documents
/// cannot drift from the API. The emulator's address and key reach the blocks the way they reach a reader's program:
/// through OPENAI_BASE_URL and OPENAI_API_KEY, which this process sets (only this class runs in it, one case at a time).
/// </summary>
public sealed class DocumentationBlockTests : IAsyncLifetime
{
    private const string ApiKey = "sk-docs-test-secret-4242";
    private EmulatorServer? _server;

    public static TheoryData<CodeBlock> Blocks()
    {
        var data = new TheoryData<CodeBlock>();
        foreach (string document in MarkdownCodeBlocks.Documents)
        {
            foreach (CodeBlock block in MarkdownCodeBlocks.CSharp(document))
            {
                data.Add(block);
            }
        }

        return data;
    }

    public async Task InitializeAsync()
    {
        _server = await EmulatorServer.StartAsync(new EmulatorOptions
        {
            AcceptedApiKeys = [ApiKey],
            CostModel = EmulatorCostModel.Zero,
            PersistedLookupDelay = TimeSpan.Zero,
        });
        Environment.SetEnvironmentVariable("OPENAI_API_KEY", ApiKey);
        Environment.SetEnvironmentVariable("OPENAI_BASE_URL", _server.BaseAddress.AbsoluteUri);
    }

    public async Task DisposeAsync()
    {
        Environment.SetEnvironmentVariable("OPENAI_API_KEY", null);
        Environment.SetEnvironmentVariable("OPENAI_BASE_URL", null);
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    [Fact]
    public void BothDocumentsHaveBlocks()
    {
        Assert.NotEmpty(MarkdownCodeBlocks.CSharp("README.md"));
        Assert.NotEmpty(MarkdownCodeBlocks.CSharp("client.md"));
    }

    [Theory]
    [MemberData(nameof(Blocks))]
    public async Task BlockCompilesAndRuns(CodeBlock block)
    {
        string output = await RunAsync(block);

        // A block that talks to the API must have reached the emulator (a block that only builds objects proves little).
        if (block.Code.Contains("ResponsesClient", StringComparison.Ordinal) || block.Code.Contains("ResponsesConnection", StringComparison.Ordinal))
        {
            Assert.True(_server!.Counters.Responses > 0, $"{block} ran without a response; output: {output}");
        }
    }

    [Fact]
    public async Task ReadmeOpensWithAQuickstartThatStreamsTheToolLoop()
    {
        CodeBlock first = MarkdownCodeBlocks.Fenced("README.md", _ => true)[0];
        Assert.Equal(first, MarkdownCodeBlocks.CSharp("README.md")[0]);
        Assert.True(first.LineCount <= 20, $"The quickstart has {first.LineCount} lines.");
        Assert.True(SnippetCompiler.IsProgram(first), "The quickstart should compile as pasted, with its own usings.");

        string output = await RunAsync(first);

        // The emulator's scripted agent: its final message streamed as deltas, after every tool-call turn on one socket.
        Assert.Contains(ScriptedCodingAgent.FinalMessage, output, StringComparison.Ordinal);
        Assert.Equal(ScriptedCodingAgent.TurnCount, _server!.Counters.Responses);
        Assert.Equal(1, _server.Counters.WebSocketConnections);
        Assert.Equal(ScriptedCodingAgent.TurnCount - 1, _server.Counters.ConnectionCacheHits);
    }

    /// <summary>Compiles and runs <paramref name="block"/>; returns what it wrote to the console.</summary>
    private static async Task<string> RunAsync(CodeBlock block)
    {
        (Assembly? assembly, string[] errors) = SnippetCompiler.Compile(block);
        Assert.True(assembly is not null, $"{block} does not compile:\n{string.Join('\n', errors)}");

        MethodInfo entry = assembly!.EntryPoint!;
        TextWriter console = Console.Out;
        using var output = new StringWriter();
        Console.SetOut(output);
        try
        {
            object? result = entry.Invoke(null, entry.GetParameters().Length == 0 ? [] : [Array.Empty<string>()]);
            if (result is Task task)
            {
                // A guard against a hang, not a measurement: the emulator runs at zero cost.
                await task.WaitAsync(TimeSpan.FromMinutes(2));
            }
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            Assert.Fail($"{block} threw: {e.InnerException}");
        }
        finally
        {
            Console.SetOut(console);
        }

        return output.ToString();
    }
}
