using System;
using System.Globalization;

namespace ProtocolCore.Emulator;

/// <summary>
/// The faults to inject into one response, parsed from a comma-separated list such as
/// <c>"missing_name,unknown_event,delay_ms:250"</c>. A list can come from <see cref="EmulatorOptions.DefaultFaults"/>
/// (every response), from the <c>emulator_fault</c> query parameter of the upgrade or POST URL (every response of that
/// connection or request), or from <c>metadata.emulator_fault</c> of one <c>response.create</c>; the three are combined.
/// </summary>
public readonly record struct EmulatorFaults(EmulatorFault Faults, TimeSpan Delay)
{
    /// <summary>The key looked up in <c>metadata</c> and in the query string.</summary>
    public const string Key = "emulator_fault";

    /// <summary>No fault and no delay.</summary>
    public static EmulatorFaults None => default;

    /// <summary>Whether <paramref name="fault"/> (a single, non-<see cref="EmulatorFault.None"/> flag) is requested.</summary>
    public bool Has(EmulatorFault fault) => (Faults & fault) == fault && fault != EmulatorFault.None;

    /// <summary>The union of two fault sets; the longer delay wins.</summary>
    public EmulatorFaults Combine(EmulatorFaults other) => new(Faults | other.Faults, Delay > other.Delay ? Delay : other.Delay);

    /// <summary>Parses a fault list; an unknown name is an error so a typo does not silently test nothing.</summary>
    public static bool TryParse(string? text, out EmulatorFaults faults, out string? error)
    {
        faults = default;
        error = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        EmulatorFault flags = EmulatorFault.None;
        TimeSpan delay = TimeSpan.Zero;
        foreach (string raw in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (raw.StartsWith("delay_ms:", StringComparison.Ordinal))
            {
                if (!int.TryParse(raw.AsSpan("delay_ms:".Length), NumberStyles.None, CultureInfo.InvariantCulture, out int ms))
                {
                    error = $"'{raw}' is not a valid delay (expected delay_ms:N with N a non-negative integer).";
                    return false;
                }

                delay = TimeSpan.FromMilliseconds(ms);
                continue;
            }

            EmulatorFault flag = raw switch
            {
                "abrupt_close" => EmulatorFault.AbruptClose,
                "response_failed" => EmulatorFault.ResponseFailed,
                "response_incomplete" => EmulatorFault.ResponseIncomplete,
                "flat_error" => EmulatorFault.FlatError,
                "done_terminal" => EmulatorFault.DoneTerminal,
                "missing_name" => EmulatorFault.MissingName,
                "unknown_event" => EmulatorFault.UnknownEvents,
                "refusal" => EmulatorFault.Refusal,
                "await_steer" => EmulatorFault.AwaitSteer,
                "steer_pending" => EmulatorFault.SteerPending,
                "steer_fail" => EmulatorFault.SteerFail,
                _ => EmulatorFault.None,
            };
            if (flag == EmulatorFault.None)
            {
                error = $"Unknown emulator fault '{raw}'. Known: abrupt_close, response_failed, response_incomplete, flat_error, done_terminal, missing_name, unknown_event, refusal, await_steer, steer_pending, steer_fail, delay_ms:N.";
                return false;
            }

            flags |= flag;
        }

        faults = new EmulatorFaults(flags, delay);
        return true;
    }
}
