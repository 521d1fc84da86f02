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
    private readonly Dictionary<string, int> _collections = [];
    private readonly List<string> _heapStats = [];
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
        if (!Recording || eventData.EventName is not { } name)
        {
            return;
        }

        if (name.StartsWith("GCStart", StringComparison.Ordinal))
        {
            // Why each collection of the timed phase ran: its generation, reason and kind (blocking or background).
            string gc = $"gen{Payload(eventData, "Depth")} reason={ReasonName(Payload(eventData, "Reason"))} type={TypeName(Payload(eventData, "Type"))}";
            lock (_gate)
            {
                _collections[gc] = _collections.GetValueOrDefault(gc) + 1;
                _heapStats.Add(gc);
            }

            return;
        }

        if (name.StartsWith("GCHeapStats", StringComparison.Ordinal))
        {
            // After each collection: what it promoted out of gen0 and gen1 (into gen1 and gen2) and the sizes left, so a
            // gen2 collection can be traced to what filled gen2's budget.
            string stats = $"promoted gen0->1 {Payload(eventData, "TotalPromotedSize0") / 1024} KiB, gen1->2 {Payload(eventData, "TotalPromotedSize1") / 1024} KiB; "
                + $"sizes gen0/1/2 {Payload(eventData, "GenerationSize0") / 1024}/{Payload(eventData, "GenerationSize1") / 1024}/{Payload(eventData, "GenerationSize2") / 1024} KiB";
            lock (_gate)
            {
                _heapStats.Add(stats);
            }

            return;
        }

        if (!name.StartsWith("GCAllocationTick", StringComparison.Ordinal))
        {
            return;
        }

        int index = eventData.PayloadNames?.IndexOf("TypeName") ?? -1;
        string type = index >= 0 ? eventData.Payload![index] as string ?? "?" : "?";
        if (type == "System.Byte[]" && Payload(eventData, "ObjectSize") is > 0 and var size)
        {
            // Arrays by size (the object that crossed the mark, header included): pool misses show as their bucket size.
            type = $"System.Byte[] ~{(size <= 256 ? "<=256 B" : size <= 1100 ? "<=1 KiB" : size <= 4200 ? "<=4 KiB" : size <= 8300 ? "<=8 KiB" : size <= 16500 ? "<=16 KiB" : ">16 KiB")}";
        }
        lock (_gate)
        {
            _ticks[type] = _ticks.GetValueOrDefault(type) + 1;
        }
    }

    private static long Payload(EventWrittenEventArgs e, string name)
    {
        int index = e.PayloadNames?.IndexOf(name) ?? -1;
        return index >= 0 ? Convert.ToInt64(e.Payload![index], System.Globalization.CultureInfo.InvariantCulture) : -1;
    }

    /// <summary>The runtime's <c>GCReason</c> values (gcinterface.h).</summary>
    private static string ReasonName(long reason) => reason switch
    {
        0 => "alloc_soh",
        1 => "induced",
        2 => "low_memory",
        3 => "empty",
        4 => "alloc_loh",
        5 => "oos_soh",
        6 => "oos_loh",
        7 => "induced_noforce",
        8 => "gcstress",
        9 => "induced_lowmem",
        10 => "induced_compacting",
        11 => "lowmemory_host",
        12 => "pm_full_gc",
        13 => "lowmemory_host_blocking",
        _ => reason.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    private static string TypeName(long type) => type switch
    {
        0 => "blocking",
        1 => "background",
        2 => "foreground",
        _ => type.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    public void Report(string label)
    {
        lock (_gate)
        {
            foreach ((string gc, int count) in _collections.OrderBy(pair => pair.Key, StringComparer.Ordinal))
            {
                Console.Error.WriteLine($"collections ({label}): {count,4} x {gc}");
            }

            foreach (string stats in _heapStats)
            {
                Console.Error.WriteLine($"collection sequence ({label}): {stats}");
            }

            int total = _ticks.Values.Sum();
            Console.Error.WriteLine($"allocation ticks ({label}), {total} in all:");
            foreach ((string type, int count) in _ticks.OrderByDescending(pair => pair.Value).Take(25))
            {
                Console.Error.WriteLine($"  {count,6} {100.0 * count / Math.Max(total, 1),5:F1}%  {type}");
            }
        }
    }
}
