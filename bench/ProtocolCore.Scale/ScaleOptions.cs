using System;
using System.Globalization;
using System.IO;
using System.Linq;

namespace ProtocolCore.Scale;

/// <summary>The command line of every role (<c>server</c>, <c>client</c>, <c>run</c>); each uses the options it needs.</summary>
internal sealed class ScaleOptions
{
    public string FixturePath { get; private set; } = "";

    /// <summary>The gap between a turn's writes (server).</summary>
    public double PaceMs { get; private set; } = 20;

    /// <summary>The wall-clock cap of a process; a client that reaches it counts what it did not receive as lost.</summary>
    public double MaxSeconds { get; private set; } = 600;

    /// <summary>Concurrent sessions: one value for a client, a list for the runner.</summary>
    public int[] Sessions { get; private set; } = [1, 100];

    /// <summary>Timed turns per session, after the one turn each session runs before the idle measurement.</summary>
    public int Turns { get; private set; } = 3;

    /// <summary>Modes: one for a client, a list (in run order) for the runner.</summary>
    public string[] Modes { get; private set; } = ["raw", "anchor", "ours-owned", "ours-view"];

    public int Port { get; private set; }

    /// <summary>Untimed warm-up per client process (turns paced 1 ms), so the timed phase runs tier-1 code.</summary>
    public double WarmupSeconds { get; private set; } = 2;

    /// <summary>
    /// How long the sessions sit idle after their first turn before memory is measured: longer than the 1 s after which
    /// an idle connection gives its receive buffers back (checked every 0.5 s), with room for a loaded machine.
    /// </summary>
    public double IdleSeconds { get; private set; } = 3;

    /// <summary>
    /// Untimed turns every session runs after the idle measurement, before the timed ones: 0 (the default) times the
    /// turns that come back from idle (receive buffers and view decoders rented again, at N sessions at once); 1 or more
    /// times sessions that are busy already, the steady state.
    /// </summary>
    public int RewarmTurns { get; private set; }

    /// <summary>CPUs for <c>taskset -c</c> (runner); empty to run unpinned.</summary>
    public string ServerCpu { get; private set; } = "1";

    public string ClientCpu { get; private set; } = "0";

    public static ScaleOptions Parse(string[] args)
    {
        var options = new ScaleOptions();
        string fixture = ScaleTurn.DefaultFixture;
        for (int i = 1; i < args.Length; i++)
        {
            string name = args[i];
            string value = i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{name} needs a value.");
            switch (name)
            {
                case "--fixture": fixture = value; break;
                case "--pace-ms": options.PaceMs = Number(value); break;
                case "--max-seconds": options.MaxSeconds = Number(value); break;
                case "--sessions": options.Sessions = value.Split(',').Select(v => (int)Number(v)).ToArray(); break;
                case "--turns": options.Turns = (int)Number(value); break;
                case "--modes": case "--mode": options.Modes = value.Split(','); break;
                case "--port": options.Port = (int)Number(value); break;
                case "--warmup-seconds": options.WarmupSeconds = Number(value); break;
                case "--idle-seconds": options.IdleSeconds = Number(value); break;
                case "--rewarm-turns": options.RewarmTurns = (int)Number(value); break;
                case "--server-cpu": options.ServerCpu = value; break;
                case "--client-cpu": options.ClientCpu = value; break;
                default: throw new ArgumentException($"Unknown option {name}.");
            }
        }

        options.FixturePath = File.Exists(fixture) ? Path.GetFullPath(fixture) : Path.Combine(FindFixturesDirectory(), fixture);
        if (!File.Exists(options.FixturePath))
        {
            throw new FileNotFoundException($"No fixture {fixture}.", options.FixturePath);
        }

        if (options.Sessions.Any(n => n < 1) || options.Turns < 1 || options.MaxSeconds <= 0 || options.RewarmTurns < 0)
        {
            throw new ArgumentException("--sessions, --turns and --max-seconds must be positive, --rewarm-turns not negative.");
        }

        return options;
    }

    private static double Number(string value) => double.Parse(value, NumberStyles.Float, CultureInfo.InvariantCulture);

    /// <summary><c>PROTOCOLCORE_FIXTURES</c>, else <c>../shared/fixtures</c> beside the repository holding this build.</summary>
    private static string FindFixturesDirectory()
    {
        string? fromEnvironment = Environment.GetEnvironmentVariable("PROTOCOLCORE_FIXTURES");
        if (!string.IsNullOrEmpty(fromEnvironment) && Directory.Exists(fromEnvironment))
        {
            return fromEnvironment;
        }

        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "..", "shared", "fixtures");
            if (File.Exists(Path.Combine(dir.FullName, "ProtocolCore.sln")) && Directory.Exists(candidate))
            {
                return Path.GetFullPath(candidate);
            }
        }

        throw new DirectoryNotFoundException("Fixtures not found: set PROTOCOLCORE_FIXTURES or keep shared/ beside the repository.");
    }
}
