using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using System.Text.Json;
using ProtocolCore.Json;
using ProtocolCore.Models;

namespace ProtocolCore.Emulator;

/// <summary>
/// The client side of the scripted coding task: the tool definitions to send, and deterministic tool outputs of
/// realistic size (1–8 KB of source code, listings and test logs with quotes, backslashes, newlines and non-ASCII
/// text). The same seed, tool name and arguments always give the same bytes, so runs over WebSocket and HTTP upload
/// exactly the same tool results.
/// </summary>
public sealed class ScriptedTools
{
    /// <summary>The seed the scripted task uses unless told otherwise.</summary>
    public const int DefaultSeed = 42;

    /// <summary>The smallest tool output in UTF-8 bytes.</summary>
    public const int MinOutputBytes = 1024;

    /// <summary>The largest tool output in UTF-8 bytes.</summary>
    public const int MaxOutputBytes = 8192;

    private static readonly string[] s_identifiers =
    [
        "price", "amount", "culture", "formatter", "invoice", "lineItem", "currency", "total", "discount", "quantity",
        "taxRate", "customer", "rounding", "separator", "symbol", "ledger", "catalogue", "sku", "warehouse", "basket",
    ];

    private static readonly string[] s_types =
    [
        "decimal", "string", "int", "CultureInfo", "InvoiceLine", "Money", "IReadOnlyList<InvoiceLine>", "PriceFormatter",
        "CurrencySymbols", "NumberFormatInfo",
    ];

    private static readonly string[] s_literals =
    [
        "\"1 234,50 €\"", "\"1\\u202F234,50\\u00A0€\"", "@\"C:\\src\\Inventory\\prices.json\"", "\"naïve café — “quoted” ‘text’\"",
        "\"日本円: ¥1,235\"", "\"tab\\tseparated\\tvalues\"", "\"line one\\nline two\"", "\"emoji 🚀 and ✅\"",
        "\"{\\\"sku\\\":\\\"A-17\\\",\\\"qty\\\":3}\"", "\"Größe: 42 – Straße\"", "\"back\\\\slash\"", "\"R$ 9,99\"",
    ];

    private static readonly string[] s_comments =
    [
        "// The fr-FR culture groups thousands with U+202F (narrow no-break space), not U+0020.",
        "// Keep the \"€\" suffix: the invoice template (invoice.cshtml) expects it after a no-break space.",
        "// NOTE(jlo): the rounding mode must match the ledger — MidpointRounding.ToEven, not AwayFromZero.",
        "/* Prices are stored in minor units (cents); 12345 → \"123,45 €\". */",
        "// Ñandú SA asked for ISO 4217 codes instead of symbols; see ticket #4821.",
        "// Δ between the catalogue and the basket must never exceed 0.01 — «tolérance» agreed with finance.",
        "// Backslashes in Windows paths (C:\\data\\) must survive the JSON round trip.",
    ];

    private static readonly string[] s_statements =
    [
        "var {0} = {1};",
        "if ({0} is null) throw new ArgumentNullException(nameof({0}));",
        "return string.Format(culture, \"{{0:N2}}\\u00A0{{1}}\", {0}, symbol);",
        "{0} = Math.Round({0}, 2, MidpointRounding.ToEven);",
        "Assert.Equal({1}, formatter.Format({0}));",
        "logger.LogInformation(\"Formatted {{Value}} as \\\"{{Text}}\\\"\", {0}, text);",
        "foreach (var {0} in lines) total += {0}.Amount * {0}.Quantity;",
        "yield return new object[] {{ {1}, \"{0}\" }};",
    ];

    private readonly int _seed;

    /// <summary>Creates the tools; the same seed gives the same outputs for the same calls.</summary>
    /// <param name="seed">Seeds the generated file contents and test results.</param>
    public ScriptedTools(int seed = DefaultSeed) => _seed = seed;

    /// <summary>The seed the outputs are generated from.</summary>
    public int Seed => _seed;

    /// <summary>The names of the tools the scripted model calls.</summary>
    public static IReadOnlyList<string> Names { get; } = ["read_file", "grep", "list_dir", "edit_file", "run_tests"];

    /// <summary>Fresh function tool definitions (name, description, JSON schema) to send as <c>tools</c>.</summary>
    public static List<Tool> CreateDefinitions() =>
    [
        Function("read_file", "Read a UTF-8 text file of the repository.", """{"type":"object","properties":{"path":{"type":"string","description":"Path relative to the repository root."}},"required":["path"],"additionalProperties":false}"""),
        Function("grep", "Search the repository with a regular expression.", """{"type":"object","properties":{"pattern":{"type":"string"},"path":{"type":"string","description":"Directory to search; the root when omitted."}},"required":["pattern"],"additionalProperties":false}"""),
        Function("list_dir", "List a directory of the repository.", """{"type":"object","properties":{"path":{"type":"string"}},"required":["path"],"additionalProperties":false}"""),
        Function("edit_file", "Replace one exact occurrence of old_string with new_string in a file.", """{"type":"object","properties":{"path":{"type":"string"},"old_string":{"type":"string"},"new_string":{"type":"string"}},"required":["path","old_string","new_string"],"additionalProperties":false}"""),
        Function("run_tests", "Run the test suite, optionally filtered.", """{"type":"object","properties":{"filter":{"type":"string","description":"A dotnet test --filter expression."}},"additionalProperties":false}"""),
    ];

    /// <summary>Runs a tool: the output the client sends back as <c>function_call_output</c>.</summary>
    public string Execute(string name, string argumentsJson)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(argumentsJson);
        var random = DeterministicRandom.From(_seed, name + "\n" + argumentsJson);
        // Lines are at most a few hundred bytes, so stopping at the first line that does not fit stays above the minimum.
        int target = random.Next(MinOutputBytes + 512, MaxOutputBytes + 1);
        var output = new OutputBuilder(target);
        switch (name)
        {
            case "read_file":
                ReadFile(ref random, output, Argument(argumentsJson, "path") ?? "README.md");
                break;
            case "grep":
                Grep(ref random, output, Argument(argumentsJson, "pattern") ?? "", Argument(argumentsJson, "path") ?? ".");
                break;
            case "list_dir":
                ListDir(ref random, output, Argument(argumentsJson, "path") ?? ".");
                break;
            case "edit_file":
                EditFile(ref random, output, Argument(argumentsJson, "path") ?? "", Argument(argumentsJson, "old_string") ?? "", Argument(argumentsJson, "new_string") ?? "");
                break;
            case "run_tests":
                RunTests(ref random, output, Argument(argumentsJson, "filter"));
                break;
            default:
                return $"error: unknown tool '{name}'. Available tools: {string.Join(", ", Names)}.";
        }

        return output.ToString();
    }

    // Not strict: strict mode requires every property in "required", and grep/run_tests have optional ones.
    private static FunctionTool Function(string name, string description, string schema) =>
        new() { Name = name, Description = description, Parameters = RawJson.Parse(schema), Strict = false };

    private static string? Argument(string argumentsJson, string property)
    {
        try
        {
            using var document = JsonDocument.Parse(argumentsJson);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty(property, out JsonElement value)
                && value.ValueKind == JsonValueKind.String
                ? value.GetString()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static void ReadFile(ref DeterministicRandom random, OutputBuilder output, string path)
    {
        if (path.EndsWith(".json", StringComparison.Ordinal))
        {
            output.TryAppendLine("[");
            int n = 0;
            while (output.TryAppendLine(string.Create(CultureInfo.InvariantCulture, $"  {{\"sku\": \"A-{random.Next(100, 999)}\", \"culture\": \"{random.Pick(["fr-FR", "de-DE", "ja-JP", "pt-BR"])}\", \"minor_units\": {random.Next(1, 9_999_999)}, \"expected\": {JsonLiteral(random.Pick(s_literals))}, \"note\": \"case {n++} — «{random.Pick(s_identifiers)}»\"}},")))
            {
            }

            output.AppendFinal("  {\"sku\": \"END\", \"expected\": \"\"}\n]");
            return;
        }

        if (path.EndsWith(".md", StringComparison.Ordinal))
        {
            output.TryAppendLine("# Changelog");
            output.TryAppendLine("");
            int version = 40;
            while (output.TryAppendLine(string.Create(CultureInfo.InvariantCulture, $"## 1.{version--}.0 — 2026-0{random.Next(1, 9)}-1{random.Next(0, 9)}\n- Fixed `{random.Pick(s_identifiers)}` handling of \"{random.Pick(s_identifiers)}\" (thanks @café-dev).\n- Paths like `C:\\data\\{random.Pick(s_identifiers)}.json` now load on Windows.\n")))
            {
            }

            return;
        }

        if (path.EndsWith(".csproj", StringComparison.Ordinal))
        {
            output.TryAppendLine("<Project Sdk=\"Microsoft.NET.Sdk\">");
            output.TryAppendLine("  <PropertyGroup>\n    <TargetFramework>net10.0</TargetFramework>\n    <Nullable>enable</Nullable>\n    <!-- Invariant globalization would hide the fr-FR bug: keep ICU. -->\n    <InvariantGlobalization>false</InvariantGlobalization>\n  </PropertyGroup>");
            while (output.TryAppendLine(string.Create(CultureInfo.InvariantCulture, $"  <ItemGroup Label=\"{random.Pick(s_identifiers)} «{random.Next(1, 99)}»\">\n    <PackageReference Include=\"Contoso.{Capitalize(random.Pick(s_identifiers))}\" Version=\"{random.Next(1, 9)}.{random.Next(0, 20)}.{random.Next(0, 9)}\" />\n  </ItemGroup>")))
            {
            }

            output.AppendFinal("</Project>");
            return;
        }

        string typeName = Capitalize(System.IO.Path.GetFileNameWithoutExtension(path));
        output.TryAppendLine("// Copyright (c) Contoso Ltd. Licensed under the MIT licence — © 2026.");
        output.TryAppendLine("using System;\nusing System.Collections.Generic;\nusing System.Globalization;\n");
        output.TryAppendLine(path.Contains("test", StringComparison.OrdinalIgnoreCase) ? "namespace Inventory.Tests;\n" : "namespace Inventory;\n");
        output.TryAppendLine($"/// <summary>{typeName}: formats and checks prices for the invoice renderer (“€”, “¥”, “R$”).</summary>");
        output.TryAppendLine($"public sealed class {typeName}\n{{");
        int method = 0;
        bool open = false;
        while (true)
        {
            string line = open && random.Next(5) != 0
                ? "        " + string.Format(CultureInfo.InvariantCulture, random.Pick(s_statements), random.Pick(s_identifiers), random.Pick(s_literals))
                : (open ? "    }\n\n" : "") + string.Create(CultureInfo.InvariantCulture, $"    {random.Pick(s_comments)}\n    public {random.Pick(s_types)} {Capitalize(random.Pick(s_identifiers))}{method++}({random.Pick(s_types)} {random.Pick(s_identifiers)})\n    {{");
            if (!output.TryAppendLine(line))
            {
                break;
            }

            open = true;
        }

        output.AppendFinal("    }\n}");
            }

    private static void Grep(ref DeterministicRandom random, OutputBuilder output, string pattern, string path)
    {
        string root = path is "." or "" ? "" : path.TrimEnd('/') + "/";
        while (output.TryAppendLine(string.Create(CultureInfo.InvariantCulture, $"{root}src/{Capitalize(random.Pick(s_identifiers))}.cs:{random.Next(1, 400)}:        {string.Format(CultureInfo.InvariantCulture, random.Pick(s_statements), random.Pick(s_identifiers), random.Pick(s_literals))} // matches \"{pattern}\"")))
        {
        }
    }

    private static void ListDir(ref DeterministicRandom random, OutputBuilder output, string path)
    {
        output.TryAppendLine($"Directory of \"{path}\" (UTF-8 names, sizes in bytes; \"d\" marks a directory):");
        string[] extensions = [".cs", ".json", ".md", ".csproj", ".txt"];
        while (output.TryAppendLine(string.Create(CultureInfo.InvariantCulture, $"{(random.Next(5) == 0 ? "d" : "-")}rw-r--r--  {random.Next(120, 48_000),7}  2026-11-{random.Next(10, 28)} {random.Next(10, 23)}:{random.Next(10, 59)}  {Capitalize(random.Pick(s_identifiers))}{random.Pick(["", "Tests", "Ünïcode", "Helpers", "Ε"])}{random.Pick(extensions)}")))
        {
        }
    }

    private static void EditFile(ref DeterministicRandom random, OutputBuilder output, string path, string oldString, string newString)
    {
        output.TryAppendLine($"Edited {path}: replaced 1 occurrence ({Encoding.UTF8.GetByteCount(oldString)} → {Encoding.UTF8.GetByteCount(newString)} bytes).");
        output.TryAppendLine($"--- a/{path}\n+++ b/{path}\n@@ -{random.Next(10, 120)},7 +{random.Next(10, 120)},7 @@");
        foreach (string line in oldString.Split('\n'))
        {
            output.TryAppendLine("-" + line);
        }

        foreach (string line in newString.Split('\n'))
        {
            output.TryAppendLine("+" + line);
        }

        output.TryAppendLine("Surrounding lines after the edit:");
        while (output.TryAppendLine(string.Create(CultureInfo.InvariantCulture, $" {random.Next(1, 400),4} |         {string.Format(CultureInfo.InvariantCulture, random.Pick(s_statements), random.Pick(s_identifiers), random.Pick(s_literals))}")))
        {
        }
    }

    private static void RunTests(ref DeterministicRandom random, OutputBuilder output, string? filter)
    {
        bool passing = filter is not null && !filter.Contains("Invoice", StringComparison.Ordinal) ? random.Next(3) != 0 : filter is null && random.Next(2) == 0;
        output.TryAppendLine($"$ dotnet test{(filter is null ? "" : " --filter \"" + filter + "\"")}");
        output.TryAppendLine("  Determining projects to restore...\n  All projects are up-to-date for restore.\n  Inventory -> /src/Inventory/bin/Debug/net10.0/Inventory.dll\n  Inventory.Tests -> /src/Inventory.Tests/bin/Debug/net10.0/Inventory.Tests.dll");
        output.TryAppendLine("Test run for /src/Inventory.Tests/bin/Debug/net10.0/Inventory.Tests.dll (.NETCoreApp,Version=v10.0)");
        int passed = 0;
        while (output.Remaining > 900)
        {
            output.TryAppendLine(string.Create(CultureInfo.InvariantCulture, $"  ✓ Inventory.Tests.{Capitalize(random.Pick(s_identifiers))}Tests.Formats{Capitalize(random.Pick(s_identifiers))}(culture: \"{random.Pick(["fr-FR", "de-DE", "ja-JP"])}\", expected: {random.Pick(s_literals)}) [{random.Next(1, 40)} ms]"));
            passed++;
        }

        if (!passing)
        {
            output.TryAppendLine("  ✗ Inventory.Tests.PriceFormatterTests.FormatsEuroWithNarrowNoBreakSpace [12 ms]\n  Error Message:\n   Assert.Equal() Failure: Strings differ\n                  ↓ (pos 1)\n   Expected: \"1\\u202F234,50\\u00A0€\"\n   Actual:   \"1 234,50 €\"\n                  ↑ (pos 1)\n  Stack Trace:\n     at Inventory.Tests.PriceFormatterTests.FormatsEuroWithNarrowNoBreakSpace() in C:\\src\\Inventory.Tests\\PriceFormatterTests.cs:line 27");
        }

        output.AppendFinal(string.Create(CultureInfo.InvariantCulture, $"{(passing ? "Passed!" : "Failed!")}  - Failed: {(passing ? 0 : 1)}, Passed: {passed}, Skipped: 0, Total: {passed + (passing ? 0 : 1)}, Duration: {random.Next(200, 900)} ms"));
    }

    private static string Capitalize(string value) => value.Length == 0 ? value : char.ToUpperInvariant(value[0]) + value[1..];

    private static string JsonLiteral(string csharpLiteral) => "\"" + csharpLiteral.Trim('@').Trim('"').Replace("\\\\", "\\", StringComparison.Ordinal).Replace("\\", "\\\\", StringComparison.Ordinal) + "\"";

    /// <summary>Accumulates lines up to a UTF-8 byte budget that never exceeds <see cref="MaxOutputBytes"/>.</summary>
    private sealed class OutputBuilder(int targetBytes)
    {
        private readonly StringBuilder _text = new();
        private int _bytes;

        public int Remaining => targetBytes - _bytes;

        /// <summary>Appends the line when it fits the budget; false (and nothing appended) when it does not.</summary>
        public bool TryAppendLine(string line)
        {
            int size = Encoding.UTF8.GetByteCount(line) + 1;
            if (_bytes + size > targetBytes)
            {
                return false;
            }

            _text.Append(line).Append('\n');
            _bytes += size;
            return true;
        }

        /// <summary>Appends a closing line, trimming earlier lines if needed so the hard maximum still holds.</summary>
        public void AppendFinal(string line)
        {
            int size = Encoding.UTF8.GetByteCount(line);
            while (_bytes + size > MaxOutputBytes && _text.Length > 0)
            {
                int cut = _text.ToString(0, _text.Length - 1).LastIndexOf('\n') + 1;
                _bytes -= Encoding.UTF8.GetByteCount(_text.ToString(cut, _text.Length - cut));
                _text.Length = cut;
            }

            _text.Append(line);
            _bytes += size;
        }

        public override string ToString() => _text.ToString();
    }
}
