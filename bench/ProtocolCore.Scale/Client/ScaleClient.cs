using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Runtime;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace ProtocolCore.Scale.Client;

/// <summary>
/// <c>ProtocolCore.Scale client --port P --mode M --sessions N --turns T</c>: one mode at one N, in a process of its
/// own so its CPU, allocations, GCs and memory are its own. Phases: an untimed warm-up paced 1 ms (then its sessions are
/// closed); the baseline (full GC, heap and working set); N sessions connect and run one paced turn, staggered over one
/// pacing interval; idle, then full GC and the idle memory; <c>--rewarm-turns</c> untimed turns (none by default); the timed
/// phase: every session runs T more turns back to back, all concurrently, measured by process CPU, allocated bytes, GC
/// counts and pause time, JIT time and lag.
/// Prints one <c>RESULT {json}</c> line; exits 1 if an event was lost or a session failed.
/// </summary>
internal static class ScaleClient
{
    /// <summary>Warm-up turns per warm-up session at least: the tiered JIT promotes a method after 30 calls.</summary>
    private const int WarmupTurns = 60;

    public static async Task<int> RunAsync(ScaleOptions options)
    {
        string mode = options.Modes[0];
        int sessionCount = options.Sessions[0];
        int turns = options.Turns;
        ScaleTurn turn = ScaleTurn.Load(options.FixturePath);
        using var cap = new CancellationTokenSource(TimeSpan.FromSeconds(options.MaxSeconds));
        var probe = new LagProbe(sessionCount * turns * turn.DeltaCount);
        var failures = new List<string>();

        await WarmUpAsync(mode, options, turn, cap.Token).ConfigureAwait(false);
        (long heapBefore, long workingSetBefore) = MeasureMemory();

        var context = new ScaleSessionContext(options.Port, warmup: false, turn, probe);
        var sessions = new ScaleSession[sessionCount];
        for (int i = 0; i < sessionCount; i++)
        {
            sessions[i] = ScaleModes.Create(mode, context);
        }

        long received = 0;
        long deltaBytes = 0;
        int undecoded = 0;
        int failed = 0;
        TimeSpan pace = TimeSpan.FromMilliseconds(options.PaceMs);

        async Task RunSessionAsync(int index, int turnCount, bool connect)
        {
            try
            {
                if (connect)
                {
                    // Staggered over one pacing interval, so the sessions' deltas do not all land in the same instant.
                    await Task.Delay(pace * index / sessionCount, cap.Token).ConfigureAwait(false);
                    await sessions[index].ConnectAsync(cap.Token).ConfigureAwait(false);
                }

                for (int t = 0; t < turnCount; t++)
                {
                    TurnTally tally = await sessions[index].RunTurnAsync(cap.Token).ConfigureAwait(false);
                    Interlocked.Add(ref received, tally.Events);
                    if (tally.DeltaBytes < 0)
                    {
                        Volatile.Write(ref undecoded, 1);
                    }
                    else
                    {
                        Interlocked.Add(ref deltaBytes, tally.DeltaBytes);
                    }
                }
            }
            catch (Exception e)
            {
                Interlocked.Increment(ref failed);
                lock (failures)
                {
                    failures.Add($"session {index}: {e.GetType().Name}: {e.Message}");
                }
            }
        }

        long connectStart = Stopwatch.GetTimestamp();
        await Task.WhenAll(Enumerable.Range(0, sessionCount).Select(i => RunSessionAsync(i, 1, connect: true))).ConfigureAwait(false);
        TimeSpan connectWall = Stopwatch.GetElapsedTime(connectStart);

        await Task.Delay(TimeSpan.FromSeconds(options.IdleSeconds), cap.Token).ConfigureAwait(false);
        (long heapIdle, long workingSetIdle) = MeasureMemory();
        if (options.RewarmTurns > 0 && failed == 0)
        {
            await Task.WhenAll(Enumerable.Range(0, sessionCount).Select(i => RunSessionAsync(i, options.RewarmTurns, connect: false))).ConfigureAwait(false);
        }

        long receivedBeforeTimed = Interlocked.Read(ref received);

        using AllocationSampler? sampler = AllocationSampler.StartIfRequested();
        TimeSpan cpuStart = ProcessCpu.Now;
        long allocatedStart = GC.GetTotalAllocatedBytes(precise: true);
        int gen0Start = GC.CollectionCount(0), gen1Start = GC.CollectionCount(1), gen2Start = GC.CollectionCount(2);
        TimeSpan pauseStart = GC.GetTotalPauseDuration();
        TimeSpan jitStart = System.Runtime.JitInfo.GetCompilationTime();
        long workItemsStart = ThreadPool.CompletedWorkItemCount;
        probe.Recording = true;
        if (sampler is not null)
        {
            sampler.Recording = true;
        }

        long timedStart = Stopwatch.GetTimestamp();
        if (failed == 0)
        {
            await Task.WhenAll(Enumerable.Range(0, sessionCount).Select(i => RunSessionAsync(i, turns, connect: false))).ConfigureAwait(false);
        }

        TimeSpan timedWall = Stopwatch.GetElapsedTime(timedStart);
        probe.Recording = false;
        TimeSpan cpu = ProcessCpu.Now - cpuStart;
        if (sampler is not null)
        {
            sampler.Recording = false;
        }

        long allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedStart;
        int gen2 = GC.CollectionCount(2) - gen2Start;
        int gen1 = GC.CollectionCount(1) - gen1Start - gen2;
        int gen0 = GC.CollectionCount(0) - gen0Start - gen1 - gen2;
        TimeSpan pause = GC.GetTotalPauseDuration() - pauseStart;
        TimeSpan jit = System.Runtime.JitInfo.GetCompilationTime() - jitStart;
        long workItems = ThreadPool.CompletedWorkItemCount - workItemsStart;
        long timedEvents = Interlocked.Read(ref received) - receivedBeforeTimed;
        sampler?.Report($"{sessionCount} sessions");

        foreach (ScaleSession session in sessions)
        {
            await session.DisposeAsync().ConfigureAwait(false);
        }

        long expected = (long)sessionCount * (1 + options.RewarmTurns + turns) * turn.EventCount;
        long lost = expected - received;
        long expectedDeltaBytes = (long)sessionCount * (1 + options.RewarmTurns + turns) * turn.DeltaBytes;
        // The raw floor does not decode deltas: only its frame count and headers are checked.
        bool deltasChecked = undecoded == 0;
        bool deltasIntact = !deltasChecked || deltaBytes == expectedDeltaBytes;

        using (var stdout = Console.OpenStandardOutput())
        using (var json = new Utf8JsonWriter(stdout))
        {
            stdout.Write("RESULT "u8);
            json.WriteStartObject();
            json.WriteString("mode", mode);
            json.WriteNumber("sessions", sessionCount);
            json.WriteNumber("turns", turns);
            json.WriteNumber("events_per_turn", turn.EventCount);
            json.WriteNumber("expected_events", expected);
            json.WriteNumber("received_events", received);
            json.WriteNumber("lost_events", lost);
            json.WriteBoolean("delta_bytes_checked", deltasChecked);
            json.WriteBoolean("delta_bytes_intact", deltasIntact);
            json.WriteNumber("failed_sessions", failed);
            json.WriteNumber("timed_events", timedEvents);
            json.WriteNumber("cpu_us_per_event", timedEvents > 0 ? cpu.TotalMicroseconds / timedEvents : double.NaN);
            json.WriteNumber("alloc_bytes_per_event", timedEvents > 0 ? (double)allocated / timedEvents : double.NaN);
            // Thread-pool work items run per event (socket completions, continuations, timers): the hand-offs an event
            // costs. Fewer under saturation, when one wake-up finds several events waiting.
            json.WriteNumber("work_items_per_event", timedEvents > 0 ? (double)workItems / timedEvents : double.NaN);
            json.WriteNumber("gen0", gen0);
            json.WriteNumber("gen1", gen1);
            json.WriteNumber("gen2", gen2);
            json.WriteNumber("gc_pause_ms", pause.TotalMilliseconds);
            // Elapsed time in the JIT (on a loaded machine it includes preemption), not CPU.
        json.WriteNumber("jit_ms", jit.TotalMilliseconds);
            json.WriteNumber("lag_samples", probe.Count);
            json.WriteNumber("lag_p50_ms", probe.PercentileMs(0.50));
            json.WriteNumber("lag_p99_ms", probe.PercentileMs(0.99));
            json.WriteNumber("lag_max_ms", probe.PercentileMs(1.0));
            json.WriteNumber("heap_bytes_per_session", (double)(heapIdle - heapBefore) / sessionCount);
            json.WriteNumber("working_set_bytes_per_session", (double)(workingSetIdle - workingSetBefore) / sessionCount);
            json.WriteNumber("connect_turn_s", connectWall.TotalSeconds);
            json.WriteNumber("timed_s", timedWall.TotalSeconds);
            json.WriteNumber("cpus", Environment.ProcessorCount);
            json.WriteBoolean("server_gc", GCSettings.IsServerGC);
            json.WriteStartArray("failures");
            foreach (string failure in failures.Take(5))
            {
                json.WriteStringValue(failure);
            }

            json.WriteEndArray();
            json.WriteEndObject();
            json.Flush();
            stdout.Write("\n"u8);
        }

        return lost == 0 && failed == 0 && deltasIntact ? 0 : 1;
    }

    /// <summary>
    /// Turns paced 1 ms on a few sessions, at least <see cref="WarmupTurns"/> each and for at least the warm-up time, so the
    /// timed phase runs optimised code; then they close.
    /// Failures here fail the run: a mode that cannot finish a warm-up turn will not finish a timed one.
    /// </summary>
    private static async Task WarmUpAsync(string mode, ScaleOptions options, ScaleTurn turn, CancellationToken cancellationToken)
    {
        if (options.WarmupSeconds <= 0)
        {
            return;
        }

        var context = new ScaleSessionContext(options.Port, warmup: true, turn, new LagProbe(0));
        long start = Stopwatch.GetTimestamp();
        await Task.WhenAll(Enumerable.Range(0, 4).Select(async _ =>
        {
            await using ScaleSession session = ScaleModes.Create(mode, context);
            await session.ConnectAsync(cancellationToken).ConfigureAwait(false);
            for (int done = 0; done < WarmupTurns || Stopwatch.GetElapsedTime(start).TotalSeconds < options.WarmupSeconds; done++)
            {
                TurnTally tally = await session.RunTurnAsync(cancellationToken).ConfigureAwait(false);
                if (tally.Events != turn.EventCount)
                {
                    throw new InvalidDataException($"Warm-up turn delivered {tally.Events} of {turn.EventCount} events.");
                }
            }
        })).ConfigureAwait(false);

        // Let the tiered JIT's background compilations triggered by the warm-up finish outside the timed phase (they
        // start 100 ms after the last new method, later on a loaded machine).
        await Task.Delay(1000, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Live managed heap and working set after full, compacting collections (not counted in the timed phase).</summary>
    private static (long Heap, long WorkingSet) MeasureMemory()
    {
        GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        long heap = GC.GetTotalMemory(forceFullCollection: false);
        using Process self = Process.GetCurrentProcess();
        return (heap, self.WorkingSet64);
    }
}
