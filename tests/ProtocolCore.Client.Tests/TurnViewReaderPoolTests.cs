using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using ProtocolCore.Events;

namespace ProtocolCore.Client.Tests;

/// <summary>
/// <see cref="TurnViewReaderPool"/>: the view path's decoders rented per turn, so an idle session holds none; bounded,
/// reused, and safe to use from many threads.
/// </summary>
public sealed class TurnViewReaderPoolTests
{
    private static readonly byte[] Delta = Encoding.UTF8.GetBytes("""{"type":"response.output_text.delta","sequence_number":3,"item_id":"msg_1","output_index":0,"content_index":0,"delta":"Hi","logprobs":[]}""");

    [Fact]
    public void AReturnedReaderIsRentedAgain()
    {
        var pool = new TurnViewReaderPool(capacity: 2);
        TurnViewReader reader = pool.Rent();
        Assert.Equal(0, pool.Count);

        pool.Return(reader);
        Assert.Equal(1, pool.Count);
        Assert.Same(reader, pool.Rent());
        Assert.Equal(0, pool.Count);
    }

    [Fact]
    public void AnEmptyPoolHandsOutNewReaders()
    {
        var pool = new TurnViewReaderPool(capacity: 2);
        TurnViewReader first = pool.Rent();
        TurnViewReader second = pool.Rent();

        Assert.NotSame(first, second);
    }

    [Fact]
    public void ThePoolKeepsNoMoreThanItsCapacity_AndTheReadersItDropsStillWork()
    {
        var pool = new TurnViewReaderPool(capacity: 2);
        TurnViewReader[] readers = [pool.Rent(), pool.Rent(), pool.Rent(), pool.Rent()];
        foreach (TurnViewReader reader in readers)
        {
            // Each decoded a turn's event, so each holds its copy buffer when it comes back.
            Assert.IsType<OutputTextDeltaEvent>(reader.Read(Delta, out bool isView));
            Assert.True(isView);
            pool.Return(reader);
        }

        Assert.Equal(2, pool.Count);

        // A dropped reader was disposed (its buffers went back to the shared pool); used again, it rents anew.
        var dropped = (OutputTextDeltaEvent)readers[0].Read(Delta, out _);
        Assert.Equal("Hi", dropped.Delta!.Value.ToString());
    }

    [Fact]
    public void AZeroCapacityPoolKeepsNothing()
    {
        var pool = new TurnViewReaderPool(capacity: 0);
        TurnViewReader reader = pool.Rent();
        pool.Return(reader);

        Assert.Equal(0, pool.Count);
        Assert.NotSame(reader, pool.Rent());
    }

    [Fact]
    public void ANegativeCapacityIsRefused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new TurnViewReaderPool(capacity: -1));
        Assert.Throws<ArgumentNullException>(() => new TurnViewReaderPool(capacity: 1).Return(null!));
    }

    [Fact]
    public void ReadersTurnsUsedAtOnceAreKept_UntilAWholeTrimPeriodPassesWithoutThatUse()
    {
        var pool = new TurnViewReaderPool(capacity: 1, maxCapacity: 100, trimPeriod: TimeSpan.FromHours(1));
        List<TurnViewReader> burst = Enumerable.Range(0, 10).Select(_ => pool.Rent()).ToList();
        burst.ForEach(pool.Return);
        Assert.Equal(10, pool.Count);

        // The next burst of as many turns reuses every one of them.
        List<TurnViewReader> again = Enumerable.Range(0, 10).Select(_ => pool.Rent()).ToList();
        Assert.Equal(0, pool.Count);
        Assert.All(again, reader => Assert.Contains(burst, kept => ReferenceEquals(kept, reader)));
        again.ForEach(pool.Return);

        pool.Trim();
        Assert.Equal(10, pool.Count);

        // A whole period without that many turns at once: back to the base capacity.
        pool.Trim();
        Assert.Equal(1, pool.Count);
    }

    [Fact]
    public void ThePoolKeepsNoMoreThanItsMaximum_AndTheSharedOneIsSizedByUse()
    {
        var pool = new TurnViewReaderPool(capacity: 1, maxCapacity: 5, trimPeriod: TimeSpan.FromHours(1));
        List<TurnViewReader> burst = Enumerable.Range(0, 20).Select(_ => pool.Rent()).ToList();
        burst.ForEach(pool.Return);
        Assert.Equal(5, pool.Count);

        Assert.True(TurnViewReaderPool.Shared.MaxCapacity > TurnViewReaderPool.Shared.Capacity);
        Assert.Throws<ArgumentOutOfRangeException>(() => new TurnViewReaderPool(capacity: 2, maxCapacity: 1, trimPeriod: TimeSpan.FromSeconds(1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => new TurnViewReaderPool(capacity: 1, maxCapacity: 2, trimPeriod: TimeSpan.Zero));
    }

    [Fact]
    public void TheSharedPoolIsBoundedByTheCores()
    {
        Assert.Equal(4 * Environment.ProcessorCount, TurnViewReaderPool.Shared.Capacity);
    }

    [Fact]
    public async Task ConcurrentTurnsNeverShareAReader_AndThePoolStaysWithinItsBound()
    {
        var pool = new TurnViewReaderPool(capacity: 4);
        var inUse = new HashSet<TurnViewReader>(ReferenceEqualityComparer.Instance);
        var shared = 0;
        using var start = new Barrier(8);
        Task[] workers = Enumerable.Range(0, 8).Select(worker => Task.Run(() =>
        {
            start.SignalAndWait();
            for (int turn = 0; turn < 2_000; turn++)
            {
                TurnViewReader reader = pool.Rent();
                lock (inUse)
                {
                    if (!inUse.Add(reader))
                    {
                        shared++;
                    }
                }

                var delta = (OutputTextDeltaEvent)reader.Read(Delta, out _);
                Assert.Equal("Hi", delta.Delta!.Value.ToString());
                lock (inUse)
                {
                    inUse.Remove(reader);
                }

                pool.Return(reader);
                Assert.InRange(pool.Count, 0, pool.Capacity);
            }
        })).ToArray();
        await Task.WhenAll(workers);

        Assert.Equal(0, shared);
        Assert.InRange(pool.Count, 1, pool.Capacity);
    }
}
