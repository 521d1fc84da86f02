using System;
using System.Collections.Generic;
using System.Diagnostics.Tracing;
using System.Linq;

namespace ProtocolCore.Scale.Client;

/// <summary>
/// Where the timed phase's bytes go, when <c>PROTOCOLCORE_SCALE_ALLOCATIONS=1</c>: the runtime's GC AllocationTick
/// events (one per ~100 KB allocated, naming the type that crossed the mark), counted by type and printed to stderr.
/// A sample, not a census: a type's share of ticks estimates its share of bytes. Off by default (listening costs CPU).
/// </summary>
internal sealed class AllocationSampler : EventListener
{
    private readonly Dictionary<string, int> _ticks = [];
    private readonly object _gate = new();

    public bool Recording { get; set; }

    public static AllocationSampler? StartIfRequested() =>
        Environment.GetEnvironmentVariable("PROTOCOLCORE_SCALE_ALLOCATIONS") == "1" ? new AllocationSampler() : null;

    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        if (eventSource.Name == "Microsoft-Windows-DotNETRuntime")
        {
            // GC keyword (0x1), verbose: AllocationTick.
            EnableEvents(eventSource, EventLevel.Verbose, (EventKeywords)0x1);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs eventData)
    {
        if (!Recording || eventData.EventName is not { } name || !name.StartsWith("GCAllocationTick", StringComparison.Ordinal))
        {
            return;
        }

        int index = eventData.PayloadNames?.IndexOf("TypeName") ?? -1;
        string type = index >= 0 ? eventData.Payload![index] as string ?? "?" : "?";
        lock (_gate)
        {
            _ticks[type] = _ticks.GetValueOrDefault(type) + 1;
        }
    }

    public void Report(string label)
    {
        lock (_gate)
        {
            int total = _ticks.Values.Sum();
            Console.Error.WriteLine($"allocation ticks ({label}), {total} in all:");
            foreach ((string type, int count) in _ticks.OrderByDescending(pair => pair.Value).Take(25))
            {
                Console.Error.WriteLine($"  {count,6} {100.0 * count / Math.Max(total, 1),5:F1}%  {type}");
            }
        }
    }
}
