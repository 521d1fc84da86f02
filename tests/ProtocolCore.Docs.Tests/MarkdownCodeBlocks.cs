using System;
using System.Collections.Generic;
using System.IO;
using System.Text;

namespace ProtocolCore.Docs.Tests;

/// <summary>The fenced code blocks of the documents the tests keep honest (copied beside the test assembly).</summary>
internal static class MarkdownCodeBlocks
{
    public static readonly string[] Documents = ["README.md", "client.md"];

    public static string PathOf(string document) => Path.Combine(AppContext.BaseDirectory, "Docs", document);

    /// <summary>Every block fenced as <c>```csharp</c>, in order.</summary>
    public static List<CodeBlock> CSharp(string document) => Fenced(document, language => language == "csharp");

    /// <summary>Every fenced block, whatever its language (a block without one has the language "").</summary>
    public static List<CodeBlock> Fenced(string document, Func<string, bool> language)
    {
        string[] lines = File.ReadAllLines(PathOf(document));
        var blocks = new List<CodeBlock>();
        for (int i = 0; i < lines.Length; i++)
        {
            if (!lines[i].StartsWith("```", StringComparison.Ordinal))
            {
                continue;
            }

            string name = lines[i][3..].Trim();
            int start = i + 1;
            var code = new StringBuilder();
            for (i = start; i < lines.Length && !lines[i].StartsWith("```", StringComparison.Ordinal); i++)
            {
                code.Append(lines[i]).Append('\n');
            }

            if (language(name))
            {
                // Line numbers are 1-based and point at the first line of code.
                blocks.Add(new CodeBlock(document, start + 1, code.ToString().TrimEnd('\n')));
            }
        }

        return blocks;
    }
}
