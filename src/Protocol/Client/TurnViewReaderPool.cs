using System;
using System.Collections.Generic;
using System.Threading;

namespace ProtocolCore.Client;

/// <summary>
/// The view path's turn readers (<see cref="TurnViewReader"/>), rented for one turn and given back when it ends. A
/// reader keeps its turn's string cache (under 1 KB; the decoders, ~13 KB each, are lent per event by
/// <see cref="ViewDecoderPool"/>). Nothing of a turn is valid after it, so a reader serves any session's next turn.
/// </summary>
/// <remarks>
/// Sized by use: the pool always keeps up to <see cref="Capacity"/> idle readers, and beyond that as many as turns had
/// rented at once in the last one or two trim periods (at most <see cref="MaxCapacity"/>), so sessions that stream
/// together reuse their decoders from one turn to the next instead of building new ones, while the readers of a burst
/// that is over go back (are disposed, their buffers returned to <see cref="System.Buffers.ArrayPool{T}.Shared"/>)
/// within two periods: an idle process holds only <see cref="Capacity"/>.
/// </remarks>
internal sealed class TurnViewReaderPool
{
    /// <summary>The process-wide pool: a few readers per core always, up to the recent peak of turns at once for 1 s.</summary>
    public static readonly TurnViewReaderPool Shared = new(4 * Environment.ProcessorCount, maxCapacity: 16_384, trimPeriod: TimeSpan.FromSeconds(1));

    private readonly Lock _gate = new();
    private readonly Stack<TurnViewReader> _readers = new();
    private readonly TimeSpan _trimPeriod;
    private Timer? _trimTimer;
    private bool _trimming;
    private int _rented;
    private int _peakThisPeriod;
    private int _peakLastPeriod;

    /// <param name="capacity">How many idle readers the pool keeps at most (a fixed pool).</param>
    public TurnViewReaderPool(int capacity)
        : this(capacity, capacity, Timeout.InfiniteTimeSpan)
    {
    }

    /// <param name="capacity">How many idle readers the pool always keeps.</param>
    /// <param name="maxCapacity">How many it keeps at most while turns used that many at once lately.</param>
    /// <param name="trimPeriod">How often what recent use no longer needs is disposed; infinite for a fixed pool.</param>
    public TurnViewReaderPool(int capacity, int maxCapacity, TimeSpan trimPeriod)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(capacity);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxCapacity, capacity);
        if (trimPeriod != Timeout.InfiniteTimeSpan)
        {
            ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(trimPeriod, TimeSpan.Zero);
        }

        Capacity = capacity;
        MaxCapacity = trimPeriod == Timeout.InfiniteTimeSpan ? capacity : maxCapacity;
        _trimPeriod = trimPeriod;
    }

    /// <summary>How many idle readers the pool always keeps.</summary>
    public int Capacity { get; }

    /// <summary>How many idle readers the pool keeps at most, while recent use needs them.</summary>
    public int MaxCapacity { get; }

    /// <summary>How many idle readers the pool holds now.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _readers.Count;
            }
        }
    }

    /// <summary>A reader for one turn: an idle one from the pool, else a new one.</summary>
    public TurnViewReader Rent()
    {
        lock (_gate)
        {
            _peakThisPeriod = Math.Max(_peakThisPeriod, ++_rented);
            if (_readers.TryPop(out TurnViewReader? reader))
            {
                return reader;
            }
        }

        return new TurnViewReader();
    }

    /// <summary>
    /// The turn is over: the reader forgets it (<see cref="TurnViewReader.EndTurn"/>) and waits for the next turn here,
    /// or is disposed when the pool holds what recent use needs. The views it handed out are invalid from now on.
    /// </summary>
    public void Return(TurnViewReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        reader.EndTurn();
        lock (_gate)
        {
            _rented = Math.Max(0, _rented - 1);
            if (_readers.Count < KeepLimit())
            {
                _readers.Push(reader);
                if (_readers.Count > Capacity && !_trimming)
                {
                    _trimming = true;
                    _trimTimer ??= new Timer(static state => ((TurnViewReaderPool)state!).Trim(), this, Timeout.Infinite, Timeout.Infinite);
                    _trimTimer.Change(_trimPeriod, _trimPeriod);
                }

                return;
            }
        }

        reader.Dispose();
    }

    /// <summary>
    /// One trim period has passed: the pool keeps what the turns of this period and the last needed at once, and
    /// disposes the rest (called by the pool's timer; tests call it directly).
    /// </summary>
    internal void Trim()
    {
        List<TurnViewReader>? surplus = null;
        lock (_gate)
        {
            _peakLastPeriod = _peakThisPeriod;
            _peakThisPeriod = _rented;
            int limit = KeepLimit();
            while (_readers.Count > limit)
            {
                (surplus ??= []).Add(_readers.Pop());
            }

            if (_readers.Count <= Capacity && _peakLastPeriod <= Capacity && _trimming)
            {
                _trimming = false;
                _trimTimer?.Change(Timeout.Infinite, Timeout.Infinite);
            }
        }

        if (surplus is not null)
        {
            foreach (TurnViewReader reader in surplus)
            {
                reader.Dispose();
            }
        }
    }

    /// <summary>Under the lock: how many idle readers to keep, given the turns running now and the recent peak.</summary>
    private int KeepLimit()
    {
        int recentPeak = Math.Max(_peakThisPeriod, _peakLastPeriod);
        return Math.Max(Capacity, Math.Min(MaxCapacity, recentPeak - _rented));
    }
}
