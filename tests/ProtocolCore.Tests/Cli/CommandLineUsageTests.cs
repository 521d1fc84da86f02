using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Threading.Tasks;

namespace ProtocolCore.Tests.Cli;

/// <summary>
/// The command line as a newcomer meets it: exit 2 for every kind of bad usage on every verb, the first error naming
/// the token at fault, and never a stack trace or a .NET parameter name on stderr.
/// </summary>
public sealed class CommandLineUsageTests : IDisposable
{
    private static readonly Dictionary<string, string> s_key = new() { ["OPENAI_API_KEY"] = "sk-usage-test-31337" };

    private readonly string _directory = Directory.CreateTempSubdirectory("protocolcore-cli-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    public static TheoryData<string, string> BadUsage => new()
    {
        // args (FILE stands for an existing JSONL file), what the first error line must name
        { "decode --bogus FILE", "'--bogus'" },
        { "decode FILE --bogus", "'--bogus'" },
        { "decode --bogus", "'--bogus'" },
        { "decode --max-line-bytes abc FILE", "--max-line-bytes: 'abc' is not a whole number" },
        { "decode --max-line-bytes -5 FILE", "--max-line-bytes: -5 is out of range" },
        { "decode --max-line-bytes 0 FILE", "--max-line-bytes: 0 is out of range" },
        { "decode", "Required argument missing" },
        { "decode FILE extra", "'extra'" },
        { "connect --bogus ws://127.0.0.1:1/", "'--bogus'" },
        { "connect", "Required argument missing" },
        { "connect not-a-url", "'not-a-url' is not a ws://" },
        { "connect ftp://example.com/", "'ftp://example.com/' is not a ws://" },
        { "connect ws://127.0.0.1:1/ --send MISSING", "no such file" },
        { "serve --bogus", "'--bogus'" },
        { "serve --port -1", "--port: -1 is out of range" },
        { "serve --port 70000", "--port: 70000 is out of range" },
        { "serve --port x", "--port: 'x' is not a whole number" },
        { "serve --age-limit 0", "--age-limit: 0 is out of range" },
        { "serve --max-in-flight 0", "--max-in-flight: 0 is out of range" },
        { "serve --max-lanes -1", "--max-lanes: -1 is out of range" },
        { "serve --max-message-bytes 1023", "--max-message-bytes: 1023 is out of range" },
        { "serve --max-message-bytes big", "--max-message-bytes: 'big' is not a whole number" },
        { "serve --faults bogus", "--faults: Unknown emulator fault 'bogus'" },
        { "run --bogus hi", "'--bogus'" },
        { "run", "Required argument missing" },
        { "run --base-url nope hi", "--base-url: 'nope'" },
        { "run --base-url ftp://example.com/v1 hi", "--base-url: 'ftp://example.com/v1'" },
        { "demo --bogus", "'--bogus'" },
        { "bogus-verb", "'bogus-verb'" },
        { "--bogus", "'--bogus'" },
    };

    [Theory]
    [MemberData(nameof(BadUsage))]
    public async Task BadUsageExitsTwoAndTheFirstErrorNamesTheCulprit(string command, string named)
    {
        string file = Path.Combine(_directory, "events.jsonl");
        File.WriteAllText(file, "{\"type\":\"a\"}\n");
        string[] args = command.Split(' ').Select(a => a switch { "FILE" => file, "MISSING" => Path.Combine(_directory, "missing"), _ => a }).ToArray();

        var (exit, _, errors) = await CliProcess.RunAsync(args, s_key);

        Assert.Equal(2, exit);
        string first = errors.Split('\n')[0];
        Assert.StartsWith("error: ", first, StringComparison.Ordinal);
        Assert.Contains(named, first, StringComparison.Ordinal);
        if (command.StartsWith("decode --bogus ", StringComparison.Ordinal))
        {
            // The file is fine: it must not be what the error blames.
            Assert.DoesNotContain(file, errors, StringComparison.Ordinal);
        }

        AssertNoDotNetLeak(errors);
    }

    [Fact]
    public async Task ADirectoryIsNotAFileToDecode()
    {
        var (exit, _, errors) = await CliProcess.RunAsync(["decode", _directory]);

        Assert.Equal(2, exit);
        Assert.Equal($"error: cannot open '{_directory}': it is a directory.\n", errors);
    }

    [Fact]
    public async Task ABinaryFileIsReportedWithItsGarbageEscaped()
    {
        string file = Path.Combine(_directory, "garbage.bin");
        File.WriteAllBytes(file, [0x01, 0x1b, (byte)'[', (byte)'2', (byte)'J', (byte)'\n', 0x1b, 0xff, 0xfe, 0x00, (byte)'\n', (byte)'{', (byte)'"', (byte)'\n']);

        var (exit, output, errors) = await CliProcess.RunAsync(["decode", file]);

        Assert.Equal(1, exit);
        Assert.Equal("", output);
        Assert.StartsWith("line 1: '\\x01' cannot start a JSON value", errors, StringComparison.Ordinal);
        Assert.Equal(3, errors.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.DoesNotContain(errors, c => char.IsControl(c) && c != '\n');
        AssertNoDotNetLeak(errors);
    }

    [Fact]
    public async Task ConnectToNothingListeningIsOneLineAndExitOne()
    {
        // A port nobody listens on: bound once to learn a free number, then released.
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        int port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();

        var (exit, _, errors) = await CliProcess.RunAsync(["connect", $"ws://127.0.0.1:{port}/v1/responses"]);

        Assert.Equal(1, exit);
        Assert.Single(errors.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("connection failed", errors, StringComparison.Ordinal);
        AssertNoDotNetLeak(errors);
    }

    [Theory]
    [InlineData("connect")]
    [InlineData("run")]
    public async Task CtrlCWhileConnectingExits130(string verb)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        // Accepts the TCP connection and never answers: the verb is then waiting on the upgrade, its handler in place.
        var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        TcpClient? accepted = null;
        try
        {
            int port = ((IPEndPoint)silent.LocalEndpoint).Port;
            string[] args = verb == "connect" ? ["connect", $"ws://127.0.0.1:{port}/v1/responses"] : ["run", "--base-url", $"http://127.0.0.1:{port}/v1", "hi"];
            var (exit, _, errors) = await CliProcess.RunAsync(args, s_key, async process =>
            {
                // Kept open until the process has exited: closing it here would race the Ctrl-C with a dropped
                // connection (exit 1, "connection failed"), which is not what this test is about.
                accepted = await silent.AcceptTcpClientAsync();
                using Process kill = Process.Start("kill", ["-INT", process.Id.ToString(CultureInfo.InvariantCulture)]);
                await kill.WaitForExitAsync();
            });

            Assert.Equal(130, exit);
            AssertNoDotNetLeak(errors);
        }
        finally
        {
            accepted?.Dispose();
            silent.Stop();
        }
    }

    [Fact]
    public async Task HelpIsNotAnError()
    {
        // --help wins over what else is on the line, including a missing argument or an unknown option.
        var (exit, output, errors) = await CliProcess.RunAsync(["decode", "--bogus", "--help"]);

        Assert.Equal(0, exit);
        Assert.Contains("--max-line-bytes", output, StringComparison.Ordinal);
        Assert.Equal("", errors);
    }

    [Fact]
    public async Task ServeOffersTheEmulatorsLaneAndMessageLimits()
    {
        var (exit, output, errors) = await CliProcess.RunAsync(["serve", "--help"]);

        Assert.Equal(0, exit);
        Assert.Contains("--max-in-flight", output, StringComparison.Ordinal);
        Assert.Contains("--max-lanes", output, StringComparison.Ordinal);
        Assert.Contains("--max-message-bytes", output, StringComparison.Ordinal);
        Assert.Equal("", errors);
    }

    [Fact]
    public void ServesLaneAndMessageLimitsReachTheEmulatorsOptions()
    {
        System.CommandLine.ParseResult given = ProtocolCore.Cli.Commands.ServeCommand.Create().Parse(
            ["--max-in-flight", "3", "--max-lanes", "0", "--max-message-bytes", "4096", "--zero-cost", "--port", "5123"]);
        Assert.Empty(given.Errors);
        ProtocolCore.Emulator.EmulatorOptions options = ProtocolCore.Cli.Commands.ServeCommand.ToEmulatorOptions(given);
        Assert.Equal(3, options.MaxInFlightPerConnection);
        Assert.Equal(0, options.MaxNamedLanes);
        Assert.Equal(4096, options.MaxMessageBytes);
        Assert.Equal(5123, options.Port);
        Assert.Same(ProtocolCore.Emulator.EmulatorCostModel.Zero, options.CostModel);

        // Without the flags: the emulator's own (upstream) defaults.
        ProtocolCore.Emulator.EmulatorOptions defaults = ProtocolCore.Cli.Commands.ServeCommand.ToEmulatorOptions(ProtocolCore.Cli.Commands.ServeCommand.Create().Parse([]));
        var emulator = new ProtocolCore.Emulator.EmulatorOptions();
        Assert.Equal(emulator.MaxInFlightPerConnection, defaults.MaxInFlightPerConnection);
        Assert.Equal(emulator.MaxNamedLanes, defaults.MaxNamedLanes);
        Assert.Equal(emulator.MaxMessageBytes, defaults.MaxMessageBytes);
        Assert.Equal(TimeSpan.FromHours(1), defaults.ConnectionAgeLimit);
    }

    private static void AssertNoDotNetLeak(string errors)
    {
        Assert.DoesNotContain("Parameter '", errors, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", errors, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", errors, StringComparison.Ordinal);
        Assert.DoesNotContain("System.", errors, StringComparison.Ordinal);
    }
}
