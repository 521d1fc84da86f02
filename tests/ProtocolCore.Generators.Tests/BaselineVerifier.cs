using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Xunit.Sdk;

namespace ProtocolCore.Generators.Tests;

/// <summary>
/// Compares generated files with <c>Baselines/{TestName}/{HintName}.txt</c>; with <c>UPDATE_BASELINES=1</c> it rewrites
/// the baselines in the source tree instead (and removes stale ones) so the diff shows up in review.
/// </summary>
internal static class BaselineVerifier
{
    private const string BaselinesFolder = "Baselines";
    private const string Extension = ".txt";

    private static bool UpdateBaselines => Environment.GetEnvironmentVariable("UPDATE_BASELINES") == "1";

    public static void Verify(string testName, IReadOnlyDictionary<string, string> generatedSources)
    {
        if (UpdateBaselines)
        {
            Write(Path.Combine(RepositoryPaths.TestProject, BaselinesFolder, testName), generatedSources);
            return;
        }

        string directory = Path.Combine(AppContext.BaseDirectory, BaselinesFolder, testName);
        string[] expectedNames = Directory.Exists(directory)
            ? Directory.GetFiles(directory, "*" + Extension).Select(p => Path.GetFileNameWithoutExtension(p)).Order(StringComparer.Ordinal).ToArray()
            : Array.Empty<string>();

        // The set of files is part of the baseline: a missing or an extra file fails as clearly as a changed one.
        Assert.Equal(expectedNames, generatedSources.Keys.Order(StringComparer.Ordinal).ToArray());
        foreach ((string hintName, string actual) in generatedSources)
        {
            string expected = File.ReadAllText(Path.Combine(directory, hintName + Extension));
            if (Normalize(expected) != Normalize(actual))
            {
                throw new XunitException(
                    $"{hintName} differs from its baseline; run with UPDATE_BASELINES=1 to accept the new output.{Environment.NewLine}" +
                    $"First difference at line {FirstDifferentLine(Normalize(expected), Normalize(actual))}.{Environment.NewLine}" +
                    $"Actual:{Environment.NewLine}{actual}");
            }
        }
    }

    private static void Write(string directory, IReadOnlyDictionary<string, string> generatedSources)
    {
        if (Directory.Exists(directory))
        {
            foreach (string stale in Directory.GetFiles(directory, "*" + Extension))
            {
                File.Delete(stale);
            }
        }

        Directory.CreateDirectory(directory);
        foreach ((string hintName, string text) in generatedSources)
        {
            File.WriteAllText(Path.Combine(directory, hintName + Extension), Normalize(text));
        }
    }

    private static string Normalize(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal);

    private static int FirstDifferentLine(string expected, string actual)
    {
        string[] e = expected.Split('\n');
        string[] a = actual.Split('\n');
        int i = 0;
        while (i < e.Length && i < a.Length && e[i] == a[i])
        {
            i++;
        }

        return i + 1;
    }
}
