using System;
using System.Buffers;
using System.Collections.Generic;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace ProtocolCore.Emulator;

/// <summary>
/// The emulator's model: a deterministic agent that fixes a failing test in a small C# repository with exactly
/// <see cref="TotalToolCalls"/> tool calls over <see cref="TurnCount"/> turns. What it does next depends only on how
/// many <c>function_call_output</c> items the conversation holds, so any client that feeds back one output per call
/// (in any order, incrementally or with the full context) walks the same script.
/// </summary>
public sealed class ScriptedCodingAgent
{
    /// <summary>The tool calls of the whole task.</summary>
    public const int TotalToolCalls = 24;

    /// <summary>The first user message of the task.</summary>
    public const string TaskPrompt =
        "The test PriceFormatterTests.FormatsEuroWithNarrowNoBreakSpace fails on CI (\"Expected: 1\u202F234,50\u00A0€\"). Find the cause, fix it, and make sure the whole suite passes.";

    /// <summary>The instructions the client sends every turn.</summary>
    public const string Instructions =
        "You are a careful coding agent working in a C# repository. Use the tools to read, search, edit and test; make the smallest correct change and explain it briefly.";

    /// <summary>The final assistant message: escapes, quotes, newlines, a tab, a Windows path and non-ASCII text.</summary>
    public const string FinalMessage =
        "Fixed ✅ — all 42 tests pass.\n\n" +
        "**Root cause:** `PriceFormatter.Format` built the string by hand with a plain space (\"1 234,50 €\"), but the test expects what the fr-FR culture produces: a narrow no-break space (U+202F) between thousands and a no-break space (U+00A0) before the symbol: \"1\u202F234,50\u00A0€\".\n\n" +
        "**Changes**\n" +
        "1. `src/PriceFormatter.cs`: format with `NumberFormatInfo` from `CultureInfo.GetCultureInfo(\"fr-FR\")` and `MidpointRounding.ToEven`.\n" +
        "2. `src/InvoiceRenderer.cs`: stop replacing U+00A0 with ' ' (that \"normalisation\" hid the bug).\n" +
        "3. `tests/InvoiceRendererTests.cs`: expected strings now use \\u202F / \\u00A0 escapes.\n" +
        "4. `CHANGELOG.md`: noted the fix.\n\n" +
        "Path on Windows:\tC:\\src\\Inventory\\PriceFormatter.cs\n" +
        "Checked cultures: fr-FR → \"1\u202F234,50\u00A0€\", de-DE → \"1.234,50\u00A0€\", ja-JP → \"￥1,235\" (日本語), pt-BR → \"R$\u00A01.234,50\". 🚀";

    /// <summary>The refusal the <c>refusal</c> fault substitutes for a turn's output.</summary>
    public const string RefusalMessage =
        "I can’t run that: \"rm -rf /\" would delete the whole machine, not just C:\\src\\Inventory\\bin.\nI’ll keep to the repository — ask me for a narrower clean-up instead. 🙅";

    private static readonly ScriptedCall[][] s_turns =
    [
        [Call("list_dir", ("path", ".")), Call("list_dir", ("path", "src"))],
        [Call("run_tests")],
        [Call("read_file", ("path", "tests/PriceFormatterTests.cs")), Call("read_file", ("path", "src/PriceFormatter.cs"))],
        [Call("grep", ("pattern", "FormatPrice\\(")), Call("grep", ("pattern", "CultureInfo\\.(Current|Invariant)Culture"), ("path", "src"))],
        [Call("read_file", ("path", "src/CurrencySymbols.cs"))],
        [Call("read_file", ("path", "src/Inventory.csproj")), Call("read_file", ("path", "tests/Fixtures/prices.json"))],
        [Call("grep", ("pattern", "\\\\u00A0|\u00A0"))],
        [Call("edit_file", ("path", "src/PriceFormatter.cs"), ("old_string", "return amount.ToString(\"N2\") + \" €\";"), ("new_string", "var format = CultureInfo.GetCultureInfo(\"fr-FR\").NumberFormat;\nreturn Math.Round(amount, 2, MidpointRounding.ToEven).ToString(\"N2\", format) + \"\u00A0€\";"))],
        [Call("run_tests", ("filter", "FullyQualifiedName~PriceFormatterTests"))],
        [Call("edit_file", ("path", "src/PriceFormatter.cs"), ("old_string", "using System;"), ("new_string", "using System;\nusing System.Globalization;"))],
        [Call("run_tests", ("filter", "FullyQualifiedName~PriceFormatterTests|Category=Formatting"))],
        [Call("grep", ("pattern", "Replace\\(\"\\\\u00A0\", \" \"\\)")), Call("read_file", ("path", "src/InvoiceRenderer.cs"))],
        [Call("edit_file", ("path", "src/InvoiceRenderer.cs"), ("old_string", "text = text.Replace(\"\\u00A0\", \" \"); // normalise spaces"), ("new_string", "// Keep U+00A0 and U+202F: they are what the culture produces."))],
        [Call("list_dir", ("path", "tests")), Call("read_file", ("path", "tests/InvoiceRendererTests.cs"))],
        [Call("edit_file", ("path", "tests/InvoiceRendererTests.cs"), ("old_string", "Assert.Equal(\"Total: 1 234,50 €\", text);"), ("new_string", "Assert.Equal(\"Total: 1\\u202F234,50\\u00A0€\", text);"))],
        [Call("run_tests", ("filter", "FullyQualifiedName~InvoiceRenderer"))],
        [Call("edit_file", ("path", "CHANGELOG.md"), ("old_string", "## Unreleased\n"), ("new_string", "## Unreleased\n- Prices use the culture's no-break spaces (“1\u202F234,50\u00A0€”), fixing PriceFormatterTests.\n"))],
        [Call("run_tests")],
    ];

    /// <summary>The start (in tool calls) of each turn; the final message turn starts at <see cref="TotalToolCalls"/>.</summary>
    private static readonly int[] s_turnStarts = ComputeTurnStarts();

    /// <summary>Responses in one run of the task: the tool-call turns plus the final message.</summary>
    public static int TurnCount => s_turns.Length + 1;

    /// <summary>The tool calls of turn <paramref name="turn"/> (0-based), as (name, arguments JSON).</summary>
    public static IReadOnlyList<(string Name, string Arguments)> CallsOfTurn(int turn)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(turn);
        if (turn >= s_turns.Length)
        {
            return [];
        }

        var calls = new List<(string, string)>();
        foreach (ScriptedCall call in s_turns[turn])
        {
            calls.Add((call.Name, call.Arguments));
        }

        return calls;
    }

    /// <summary>
    /// Plans the turn for a conversation holding <paramref name="functionCallOutputs"/> tool results. Mid-turn counts
    /// (some results of a turn missing) continue with the turn's remaining calls.
    /// </summary>
    internal static ScriptedTurn PlanTurn(int functionCallOutputs)
    {
        int seen = Math.Max(0, functionCallOutputs);
        int turn = 0;
        while (turn < s_turns.Length && s_turnStarts[turn] + s_turns[turn].Length <= seen)
        {
            turn++;
        }

        var random = DeterministicRandom.From(ScriptedTools.DefaultSeed, "reasoning:" + turn.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var reasoning = new ScriptedReasoning(random.Next(12, 160), EncryptedReasoning(ref random));
        if (turn == s_turns.Length)
        {
            return new ScriptedTurn(turn, reasoning, [], FinalMessage);
        }

        ScriptedCall[] calls = s_turns[turn];
        int skip = seen - s_turnStarts[turn];
        return new ScriptedTurn(turn, reasoning, calls[skip..], null);
    }

    private static int[] ComputeTurnStarts()
    {
        var starts = new int[s_turns.Length];
        int total = 0;
        for (int i = 0; i < s_turns.Length; i++)
        {
            starts[i] = total;
            total += s_turns[i].Length;
        }

        if (total != TotalToolCalls)
        {
            throw new InvalidOperationException($"The script has {total} tool calls, not {TotalToolCalls}.");
        }

        return starts;
    }

    private static string EncryptedReasoning(ref DeterministicRandom random)
    {
        // Opaque like the real thing ("gAAAA..."): base64 of pseudo-random bytes.
        var bytes = new byte[random.Next(240, 720)];
        random.NextBytes(bytes);
        return "gAAAAA" + Convert.ToBase64String(bytes);
    }

    private static ScriptedCall Call(string name, params (string Key, string Value)[] arguments)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStartObject();
            foreach ((string key, string value) in arguments)
            {
                writer.WriteString(key, value);
            }

            writer.WriteEndObject();
        }

        return new ScriptedCall(name, System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan));
    }
}
