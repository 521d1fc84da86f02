using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;

namespace ProtocolCore.Tests.Fixtures;

/// <summary>
/// Locates the recorded traffic (<c>&lt;repo&gt;/../shared/fixtures</c>, or <c>PROTOCOLCORE_FIXTURES</c>) and the event
/// catalogue next to it. Missing fixtures are an error, never a skip: a green run must mean the traffic was checked.
/// </summary>
internal static class FixtureFiles
{
    private static readonly Lazy<string> s_directory = new(Locate);

    public static string Directory => s_directory.Value;

    /// <summary>Every <c>*.jsonl</c> under the fixtures directory, relative to it, sorted.</summary>
    public static IReadOnlyList<string> All() =>
        System.IO.Directory.EnumerateFiles(Directory, "*.jsonl", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(Directory, f).Replace('\\', '/'))
            .OrderBy(f => f, StringComparer.Ordinal)
            .ToList();

    /// <summary>Every non-blank line of a fixture with its 1-based line number.</summary>
    public static IEnumerable<(int Line, byte[] Json)> Lines(string relativePath)
    {
        int number = 0;
        foreach (string line in File.ReadLines(Path.Combine(Directory, relativePath)))
        {
            number++;
            if (!string.IsNullOrWhiteSpace(line))
            {
                yield return (number, System.Text.Encoding.UTF8.GetBytes(line));
            }
        }
    }

    /// <summary>The <c>type</c> strings of <c>spec/events.json</c>.</summary>
    public static IReadOnlySet<string> SpecEventTypes()
    {
        string path = Path.Combine(Directory, "..", "spec", "events.json");
        using JsonDocument document = JsonDocument.Parse(File.ReadAllBytes(path));
        return document.RootElement.EnumerateArray().Select(e => e.GetProperty("type").GetString()!).ToHashSet(StringComparer.Ordinal);
    }

    private static string Locate()
    {
        string? fromEnvironment = Environment.GetEnvironmentVariable("PROTOCOLCORE_FIXTURES");
        if (!string.IsNullOrEmpty(fromEnvironment))
        {
            return System.IO.Directory.Exists(fromEnvironment)
                ? Path.GetFullPath(fromEnvironment)
                : throw new DirectoryNotFoundException($"PROTOCOLCORE_FIXTURES points to '{fromEnvironment}', which does not exist.");
        }

        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ProtocolCore.sln")))
            {
                string candidate = Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "fixtures"));
                return System.IO.Directory.Exists(candidate)
                    ? candidate
                    : throw new DirectoryNotFoundException($"Fixtures not found at '{candidate}'; set PROTOCOLCORE_FIXTURES.");
            }
        }

        throw new DirectoryNotFoundException($"No ProtocolCore.sln above '{AppContext.BaseDirectory}'; set PROTOCOLCORE_FIXTURES.");
    }
}
