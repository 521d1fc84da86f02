using System;
using System.Diagnostics;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace ProtocolCore.Interop.Tests;

/// <summary>
/// A server script run as a child process (Node's ws, Python's websockets). It prints "PORT n" when listening on
/// 127.0.0.1 and exits when its standard input closes, so it dies with us; it also exits by itself after 120 s.
/// A missing runtime or package fails the test with the command that installs it.
/// </summary>
public sealed class ExternalServer : IAsyncDisposable
{
    private readonly Process _process;

    private ExternalServer(Process process, int port)
    {
        _process = process;
        Port = port;
    }

    public int Port { get; }

    public Uri Url(string pathAndQuery) => new($"ws://127.0.0.1:{Port}{pathAndQuery}");

    public static Task<ExternalServer> StartNodeAsync(bool deflate)
    {
        if (!File.Exists(Path.Combine(RepositoryPaths.Servers, "node_modules", "ws", "package.json")))
        {
            throw new InvalidOperationException(
                "Node's ws package is not installed in tests/ProtocolCore.Interop.Tests/servers: run eng/setup.sh.");
        }

        return StartAsync("node", deflate ? "ws-server.js --deflate" : "ws-server.js", "Node.js (apt-get install nodejs npm, or run eng/setup.sh)");
    }

    public static Task<ExternalServer> StartPythonAsync(bool deflate) =>
        StartAsync(
            "/usr/bin/python3",
            deflate ? "websockets_server.py --deflate" : "websockets_server.py",
            "Debian's python3-websockets (run eng/setup.sh)");

    private static async Task<ExternalServer> StartAsync(string fileName, string arguments, string requirement)
    {
        var info = new ProcessStartInfo(fileName, arguments)
        {
            WorkingDirectory = RepositoryPaths.Servers,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };

        Process process;
        try
        {
            process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start {fileName}.");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException($"{fileName} is not available: the interop tests need {requirement}.", e);
        }

        Task<string> errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        string? line;
        try
        {
            line = await process.StandardOutput.ReadLineAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"{fileName} {arguments} did not report its port within 30 s.");
        }

        if (line is null || !line.StartsWith("PORT ", StringComparison.Ordinal))
        {
            await process.WaitForExitAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
            string stderr = errors.IsCompleted ? await errors : string.Empty;
            throw new InvalidOperationException($"{fileName} {arguments} failed to start (the interop tests need {requirement}): {stderr}");
        }

        return new ExternalServer(process, int.Parse(line.AsSpan(5), System.Globalization.CultureInfo.InvariantCulture));
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            // Closing stdin asks the script to exit; kill it if it does not.
            _process.StandardInput.Close();
            await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(5));
        }
        catch (TimeoutException)
        {
            _process.Kill(entireProcessTree: true);
        }
        finally
        {
            _process.Dispose();
        }
    }
}
