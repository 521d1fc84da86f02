using System;
using System.Threading;

namespace ProtocolCore.Client;

/// <summary>
/// The view path's decoders (<see cref="TurnViewReader"/>), rented for one turn and given back when it ends. A reader
/// holds ~7 KB once it has decoded a turn (its copy buffer and one instance per event kind with what they reference);
/// kept by each session, that was most of what an idle view-path session cost over an owned one. Views are valid only
/// until the next event and none after the turn, so a reader serves any session's next turn. Bounded: a reader given
/// back to a full pool is disposed (its buffers go back to <see cref="System.Buffers.ArrayPool{T}.Shared"/>).
/// </summary>
internal sealed class TurnViewReaderPool
{
    /// <summary>The process-wide pool: a few readers per core, enough for the turns that end and start at the same moment.</summary>
    public static readonly TurnViewReaderPool Shared = new(4 * Environment.ProcessorCount);

    private readonly Lock _gate = new();
    private readonly TurnViewReader?[] _readers;
    private int _count;

    /// <param name="capacity">How many idle readers the pool keeps at most.</param>
    public TurnViewReaderPool(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(capacity);
        _readers = new TurnViewReader?[capacity];
    }

    /// <summary>How many idle readers the pool keeps at most.</summary>
    public int Capacity => _readers.Length;

    /// <summary>How many idle readers the pool holds now.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _count;
            }
        }
    }

    /// <summary>A reader for one turn: an idle one from the pool, else a new one.</summary>
    public TurnViewReader Rent()
    {
        lock (_gate)
        {
            if (_count > 0)
            {
                TurnViewReader reader = _readers[--_count]!;
                _readers[_count] = null;
                return reader;
            }
        }

        return new TurnViewReader();
    }

    /// <summary>
    /// The turn is over: the reader forgets it (<see cref="TurnViewReader.EndTurn"/>) and waits for the next turn here,
    /// or is disposed when the pool is full. The views it handed out are invalid from now on.
    /// </summary>
    public void Return(TurnViewReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        reader.EndTurn();
        lock (_gate)
        {
            if (_count < _readers.Length)
            {
                _readers[_count++] = reader;
                return;
            }
        }

        reader.Dispose();
    }
}
