using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.RegularExpressions;
using ProtocolCore.Events;
using ProtocolCore.Native;

namespace ProtocolCore.Tests.Native;

/// <summary>protocolcore.h is written by hand: its constants and struct must match the managed side.</summary>
public class NativeHeaderTests
{
    private static readonly Lazy<string> s_header = new(() => File.ReadAllText(Path.Combine(RepoRoot(), "src", "Native", "include", "protocolcore.h")));

    [Fact]
    public void StatusCodesMatch()
    {
        Dictionary<string, int> declared = Constants("pc_status");
        Dictionary<string, int> managed = typeof(PcStatus).GetFields(BindingFlags.Public | BindingFlags.Static)
            .ToDictionary(f => ((int)f.GetRawConstantValue()! < 0 ? "PC_E_" : "PC_") + Snake(f.Name), f => (int)f.GetRawConstantValue()!);

        Assert.Equal(managed.OrderBy(p => p.Key, StringComparer.Ordinal), declared.OrderBy(p => p.Key, StringComparer.Ordinal));
    }

    [Fact]
    public void EventKindsMatch()
    {
        Dictionary<string, int> declared = Constants("pc_event_kind");
        var managed = new Dictionary<string, int> { ["PC_EVENT_UNKNOWN"] = 0 };
        foreach (ResponsesEventKind kind in Enum.GetValues<ResponsesEventKind>().Where(k => k != ResponsesEventKind.Unknown))
        {
            managed.Add("PC_EVENT_" + Snake(kind.ToString()), EventKinds.ToAbiKind(kind));
        }

        Assert.Equal(managed.OrderBy(p => p.Key, StringComparer.Ordinal), declared.OrderBy(p => p.Key, StringComparer.Ordinal));
    }

    [Fact]
    public void AbiVersionMatches()
    {
        int major = int.Parse(Regex.Match(s_header.Value, @"#define PC_ABI_VERSION_MAJOR (\d+)").Groups[1].Value);
        int minor = int.Parse(Regex.Match(s_header.Value, @"#define PC_ABI_VERSION_MINOR (\d+)").Groups[1].Value);

        Assert.Equal(ProtocolCore.Native.Exports.NativeExports.AbiVersion, (uint)((major << 16) | minor));
    }

    [Fact]
    public unsafe void EventStructMatchesTheLp64Layout()
    {
        // pc_event on LP64 (Linux x64): 4 + 4 + 8 + 4 + 4 bytes of scalars, then four (pointer, size_t) pairs.
        Assert.Equal(88, sizeof(PcEvent));
        Assert.Equal(8, (int)Marshal.OffsetOf<PcEvent>(nameof(PcEvent.SequenceNumber)));
        Assert.Equal(24, (int)Marshal.OffsetOf<PcEvent>(nameof(PcEvent.Type)));
        Assert.Equal(72, (int)Marshal.OffsetOf<PcEvent>(nameof(PcEvent.RawJson)));
        string body = Regex.Match(s_header.Value, @"typedef struct pc_event \{(.*?)\} pc_event;", RegexOptions.Singleline).Groups[1].Value;
        string[] members = Regex.Matches(body, @"^\s*[\w\s\*]+?\b(\w+);", RegexOptions.Multiline).Select(m => m.Groups[1].Value).ToArray();
        string[] managed = typeof(PcEvent).GetFields().Select(f => Snake(f.Name).ToLowerInvariant()).ToArray();
        Assert.Equal(managed, members);
    }

    private static Dictionary<string, int> Constants(string enumName)
    {
        string body = Regex.Match(s_header.Value, @"typedef enum " + enumName + @" \{(.*?)\} " + enumName + ";", RegexOptions.Singleline).Groups[1].Value;
        Assert.False(string.IsNullOrEmpty(body), $"enum {enumName} not found in protocolcore.h");
        return Regex.Matches(body, @"(PC_\w+) = (-?\d+)").ToDictionary(m => m.Groups[1].Value, m => int.Parse(m.Groups[2].Value));
    }

    /// <summary>PascalCase to UPPER_SNAKE_CASE: OutputTextDelta to OUTPUT_TEXT_DELTA.</summary>
    private static string Snake(string name)
    {
        var builder = new StringBuilder();
        for (int i = 0; i < name.Length; i++)
        {
            if (i > 0 && char.IsUpper(name[i]))
            {
                builder.Append('_');
            }

            builder.Append(char.ToUpperInvariant(name[i]));
        }

        return builder.ToString();
    }

    private static string RepoRoot()
    {
        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ProtocolCore.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException($"No ProtocolCore.sln above '{AppContext.BaseDirectory}'.");
    }
}
