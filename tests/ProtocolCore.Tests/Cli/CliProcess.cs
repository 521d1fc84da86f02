using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace ProtocolCore.Tests.Cli;

/// <summary>Runs the built <c>protocolcore</c> as a user does: its own process, its exit code, stdout and stderr.</summary>
internal static class CliProcess
{
    /// <param name="whileRunning">Called once the process has started, say to signal it; the exit is awaited after.</param>
    public static async Task<(int Exit, string Output, string Errors)> RunAsync(string[] args, IReadOnlyDictionary<string, string>? environment = null, Func<Process, Task>? whileRunning = null)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "protocolcore.dll"));
        foreach (string arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        // Nothing from the test's environment decides what the command does: no key unless given, no proxy.
        foreach (string name in new[] { "OPENAI_API_KEY", "HTTPS_PROXY", "https_proxy", "HTTP_PROXY", "http_proxy", "ALL_PROXY", "all_proxy" })
        {
            start.Environment.Remove(name);
        }

        foreach (KeyValuePair<string, string> pair in environment ?? new Dictionary<string, string>())
        {
            start.Environment[pair.Key] = pair.Value;
        }

        using Process process = Process.Start(start)!;
        process.StandardInput.Close();
        Task<string> output = process.StandardOutput.ReadToEndAsync();
        Task<string> errors = process.StandardError.ReadToEndAsync();

        if (whileRunning is not null)
        {
            await whileRunning(process);
        }

        // A guard against a hang, not a timing assertion: every case here ends on its own in well under a second.
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"protocolcore {string.Join(' ', args)} did not exit.");
        }

        return (process.ExitCode, await output, await errors);
    }
}
