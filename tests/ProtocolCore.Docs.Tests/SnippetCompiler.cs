using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace ProtocolCore.Docs.Tests;

/// <summary>
/// Compiles a documentation block as a program with top-level statements, against every assembly the test runs with
/// (the library, the chat client, M.E.AI). Two kinds of block:
/// <list type="bullet">
/// <item>a <b>program</b> (it has using directives of its own) gets only the implicit usings of a console project,
/// so it compiles as a reader would paste it;</item>
/// <item>a <b>snippet</b> also gets the library's namespaces and the names <see cref="SnippetContextSource"/> declares
/// (<c>ct</c>, <c>options</c>, <c>messageBytes</c>, <c>json</c>, <c>Consume</c>): the things the surrounding prose
/// takes as given.</item>
/// </list>
/// </summary>
internal static partial class SnippetCompiler
{
    private const string ImplicitUsings = """
        global using System;
        global using System.Collections.Generic;
        global using System.IO;
        global using System.Linq;
        global using System.Net.Http;
        global using System.Threading;
        global using System.Threading.Tasks;
        """;

    private const string SnippetUsings = """
        global using Microsoft.Extensions.AI;
        global using ProtocolCore;
        global using ProtocolCore.Client;
        global using ProtocolCore.Events;
        global using ProtocolCore.Extensions.AI;
        global using ProtocolCore.Json;
        global using ProtocolCore.Models;
        global using ProtocolCore.Requests;
        global using static DocSnippetContext;
        """;

    /// <summary>What a snippet may take as given. The emulator's address and key come from the environment the test sets.</summary>
    private const string SnippetContextSource = """
        internal static class DocSnippetContext
        {
            private static readonly System.Threading.CancellationTokenSource s_guard = new(System.TimeSpan.FromMinutes(2));

            public static System.Threading.CancellationToken ct => s_guard.Token;

            public static ProtocolCore.Client.ResponsesClientOptions options => new()
            {
                BaseUrl = new System.Uri(System.Environment.GetEnvironmentVariable("OPENAI_BASE_URL")!),
                ApiKey = System.Environment.GetEnvironmentVariable("OPENAI_API_KEY"),
            };

            public static string json => "{\"type\":\"response.output_text.delta\",\"sequence_number\":4,\"item_id\":\"msg_1\",\"output_index\":0,\"content_index\":0,\"delta\":\"Hello \\u00e9\"}";

            public static byte[] messageBytes => System.Text.Encoding.UTF8.GetBytes(json);

            public static int Consumed { get; private set; }

            public static void Consume(System.ReadOnlySpan<byte> utf8) => Consumed += utf8.Length;
        }
        """;

    private static readonly Lazy<MetadataReference[]> s_references = new(LoadReferences);

    public static bool IsProgram(CodeBlock block) => UsingDirective().IsMatch(block.Code);

    /// <summary>The compiled block, or the errors (with the document's line numbers).</summary>
    public static (Assembly? Assembly, string[] Errors) Compile(CodeBlock block)
    {
        var parse = new CSharpParseOptions(LanguageVersion.Latest);
        var trees = new List<SyntaxTree>
        {
            CSharpSyntaxTree.ParseText($"#line {block.Line} \"{block.Document}\"\n{block.Code}\n", parse, path: block.Document),
            CSharpSyntaxTree.ParseText(ImplicitUsings, parse),
        };
        if (!IsProgram(block))
        {
            trees.Add(CSharpSyntaxTree.ParseText(SnippetUsings, parse));
            trees.Add(CSharpSyntaxTree.ParseText(SnippetContextSource, parse));
        }

        var compilation = CSharpCompilation.Create(
            "DocBlock_" + Guid.NewGuid().ToString("N"),
            trees,
            s_references.Value,
            new CSharpCompilationOptions(OutputKind.ConsoleApplication, nullableContextOptions: NullableContextOptions.Enable));
        using var image = new MemoryStream();
        Microsoft.CodeAnalysis.Emit.EmitResult result = compilation.Emit(image);
        string[] errors = [.. result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.ToString())];
        return result.Success ? (Assembly.Load(image.ToArray()), []) : (null, errors);
    }

    private static MetadataReference[] LoadReferences()
    {
        // The test host's trusted assemblies: the framework plus everything this project references.
        string paths = (string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!;
        return [.. paths.Split(Path.PathSeparator).Where(p => p.EndsWith(".dll", StringComparison.Ordinal)).Select(p => MetadataReference.CreateFromFile(p))];
    }

    [GeneratedRegex(@"^\s*using\s+(static\s+)?[A-Za-z_][\w.]*\s*;", RegexOptions.Multiline)]
    private static partial Regex UsingDirective();
}
