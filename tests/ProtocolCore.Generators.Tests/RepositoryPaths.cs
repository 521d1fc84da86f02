using System;
using System.IO;

namespace ProtocolCore.Generators.Tests;

/// <summary>The source tree, found from the test output directory by walking up to ProtocolCore.sln.</summary>
internal static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string TestProject => Path.Combine(Root, "tests", "ProtocolCore.Generators.Tests");

    private static string FindRoot()
    {
        for (DirectoryInfo? d = new(AppContext.BaseDirectory); d is not null; d = d.Parent)
        {
            if (File.Exists(Path.Combine(d.FullName, "ProtocolCore.sln")))
            {
                return d.FullName;
            }
        }

        throw new InvalidOperationException("ProtocolCore.sln not found above " + AppContext.BaseDirectory);
    }
}
