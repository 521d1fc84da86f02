using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;

namespace ProtocolCore.Benchmarks;

/// <summary>Picks the benchmark inputs from the recorded fixture streams (../shared/fixtures beside the repository).</summary>
public static class FixtureEvents
{
    public static string FindFixturesDirectory()
    {
        string? fromEnvironment = Environment.GetEnvironmentVariable("PROTOCOLCORE_FIXTURES");
        if (!string.IsNullOrEmpty(fromEnvironment) && Directory.Exists(fromEnvironment))
        {
            return fromEnvironment;
        }

        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ProtocolCore.sln")))
            {
                string candidate = Path.Combine(dir.FullName, "..", "shared", "fixtures");
                if (Directory.Exists(candidate))
                {
                    return Path.GetFullPath(candidate);
                }
            }
        }

        throw new DirectoryNotFoundException("Fixtures not found: set PROTOCOLCORE_FIXTURES or keep shared/ beside the repository.");
    }

    /// <summary>Every event line of the main corpus (not third-party), in file-name order.</summary>
    public static IReadOnlyList<string> AllLines()
    {
        return Directory.GetFiles(FindFixturesDirectory(), "*.jsonl")
            .OrderBy(f => f, StringComparer.Ordinal)
            .SelectMany(File.ReadLines)
            .Where(l => l.Length > 0)
            .ToList();
    }

    /// <summary>
    /// A representative event of the given type: the first, in file-name order, whose size is closest to
    /// <paramref name="preferredBytes"/> (deltas: ~190 B as in the reference figures; big events: the median size).
    /// </summary>
    public static byte[] Pick(string type, int? preferredBytes = null)
    {
        string marker = "\"type\":\"" + type + "\"";
        List<string> candidates = AllLines().Where(l => l.Contains(marker, StringComparison.Ordinal)).ToList();
        if (candidates.Count == 0)
        {
            throw new InvalidOperationException($"No fixture event of type {type}.");
        }

        string chosen = preferredBytes is int size
            ? candidates.OrderBy(l => Math.Abs(Encoding.UTF8.GetByteCount(l) - size)).First()
            : candidates.OrderBy(l => l.Length).ElementAt(candidates.Count / 2);
        return Encoding.UTF8.GetBytes(chosen);
    }
}
