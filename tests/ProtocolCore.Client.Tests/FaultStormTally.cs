using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace ProtocolCore.Client.Tests;

/// <summary>
/// A storm's results, from every session at once: each turn's outcome by the fault it met, and every violation by
/// category, so one run reports everything that failed and how often rather than stopping at the first.
/// </summary>
internal sealed class FaultStormTally
{
    private readonly object _gate = new();
    private readonly SortedDictionary<string, SortedDictionary<string, int>> _outcomes = new(StringComparer.Ordinal);
    private readonly SortedDictionary<string, TimeSpan> _longest = new(StringComparer.Ordinal);
    private readonly SortedDictionary<string, Dictionary<string, int>> _failures = new(StringComparer.Ordinal);
    private readonly SortedDictionary<string, string> _examples = new(StringComparer.Ordinal);

    public int Turns { get; private set; }

    public int Completed { get; private set; }

    public int FailureCount
    {
        get
        {
            lock (_gate)
            {
                return _failures.Values.Sum(f => f.Values.Sum());
            }
        }
    }

    /// <summary>A turn ended: "completed" or the exception it threw.</summary>
    public void Outcome(string fault, string outcome, TimeSpan duration)
    {
        lock (_gate)
        {
            Turns++;
            if (outcome == "completed")
            {
                Completed++;
            }

            if (!_outcomes.TryGetValue(fault, out SortedDictionary<string, int>? outcomes))
            {
                _outcomes[fault] = outcomes = new(StringComparer.Ordinal);
            }

            outcomes[outcome] = outcomes.GetValueOrDefault(outcome) + 1;
            if (duration > _longest.GetValueOrDefault(fault))
            {
                _longest[fault] = duration;
            }
        }
    }

    /// <summary>A violation; equal details are counted together, and the first <paramref name="example"/> of each is kept.</summary>
    public void Fail(string category, string detail, string? example = null)
    {
        lock (_gate)
        {
            if (example is not null)
            {
                _examples.TryAdd(detail, example);
            }

            if (!_failures.TryGetValue(category, out Dictionary<string, int>? details))
            {
                _failures[category] = details = new(StringComparer.Ordinal);
            }

            details[detail] = details.GetValueOrDefault(detail) + 1;
        }
    }

    public string Report()
    {
        var report = new StringBuilder();
        lock (_gate)
        {
            report.AppendLine($"{Turns} turns, {Completed} completed. Outcomes by fault (longest turn):");
            foreach ((string fault, SortedDictionary<string, int> outcomes) in _outcomes)
            {
                report.AppendLine($"  {fault} ({_longest[fault].TotalSeconds:F1} s): {string.Join(", ", outcomes.Select(o => $"{o.Key} {o.Value}"))}");
            }

            report.AppendLine(_failures.Count == 0 ? "No violations." : "Violations:");
            foreach ((string category, Dictionary<string, int> details) in _failures)
            {
                report.AppendLine($"  {category}: {details.Values.Sum()}");
                foreach ((string detail, int count) in details.OrderByDescending(d => d.Value).ThenBy(d => d.Key, StringComparer.Ordinal).Take(12))
                {
                    report.AppendLine($"    {count} x {detail}");
                }

                if (details.Count > 12)
                {
                    report.AppendLine($"    ... and {details.Count - 12} more");
                }
            }
        }

        return report.ToString();
    }

    /// <summary>The first full example (an exception with its stack) of each violation that has one.</summary>
    public string Examples()
    {
        var examples = new StringBuilder();
        lock (_gate)
        {
            foreach ((string detail, string example) in _examples)
            {
                examples.AppendLine($"--- {detail}").AppendLine(example);
            }
        }

        return examples.ToString();
    }
}
