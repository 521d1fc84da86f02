using System;
using System.Threading;

namespace ProtocolCore.Scale.Client;

/// <summary>
/// Delivery lag of stamped events: the time the client's code saw the event minus the server's send stamp, both
/// <see cref="DateTime.UtcNow"/> on the same machine. Samples go into an array sized before the baseline measurement,
/// so recording allocates nothing; only the timed phase records.
/// </summary>
internal sealed class LagProbe
{
    private readonly long[] _samples;
    private int _count;
    private volatile bool _recording;

    public LagProbe(int capacity) => _samples = new long[capacity];

    public bool Recording
    {
        get => _recording;
        set => _recording = value;
    }

    public int Count => Math.Min(Volatile.Read(ref _count), _samples.Length);

    /// <summary>An event stamped <paramref name="stampTicks"/> has just been delivered.</summary>
    public void Delivered(long stampTicks)
    {
        if (!_recording)
        {
            return;
        }

        long lag = DateTime.UtcNow.Ticks - stampTicks;
        int index = Interlocked.Increment(ref _count) - 1;
        if (index < _samples.Length)
        {
            _samples[index] = lag;
        }
    }

    /// <summary>The lag at quantile <paramref name="q"/> (0–1), in milliseconds; sorts the samples (call after recording).</summary>
    public double PercentileMs(double q)
    {
        int count = Count;
        if (count == 0)
        {
            return double.NaN;
        }

        Span<long> samples = _samples.AsSpan(0, count);
        samples.Sort();
        int index = (int)Math.Min(count - 1, Math.Ceiling(q * count) - 1);
        return TimeSpan.FromTicks(samples[Math.Max(0, index)]).TotalMilliseconds;
    }
}
