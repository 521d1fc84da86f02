using System;
using System.IO;

namespace ProtocolCore.Interop.Tests;

/// <summary>The source tree, found from the test output directory by walking up to ProtocolCore.sln.</summary>
internal static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary>The server scripts and their node_modules (installed by eng/setup.sh).</summary>
    public static string Servers => Path.Combine(Root, "tests", "ProtocolCore.Interop.Tests", "servers");

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
