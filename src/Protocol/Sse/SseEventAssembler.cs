using System;
using System.Buffers;

namespace ProtocolCore.Sse;

/// <summary>
/// Builds server-sent events from lines (<c>event:</c>, <c>data:</c>, <c>id:</c>, comments), per the SSE specification:
/// several <c>data:</c> lines join with <c>\n</c>, a blank line dispatches. The data is kept in a pooled buffer whose size
/// is capped by <see cref="MaxEventBytes"/>, so a peer cannot make it buffer without bound. Not thread-safe.
/// </summary>
internal sealed class SseEventAssembler : IDisposable
{
    private byte[] _data = [];
    private int _dataLength;
    private bool _hasData;
    private byte[] _eventName = [];
    private int _eventNameLength;

    /// <summary>
    /// An assembler that accepts events of up to <paramref name="maxEventBytes"/> bytes of data (16 MiB by default).
    /// </summary>
    public SseEventAssembler(int maxEventBytes = 16 * 1024 * 1024)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxEventBytes);
        MaxEventBytes = maxEventBytes;
    }

    /// <summary>The largest data payload one event may carry.</summary>
    public int MaxEventBytes { get; }

    /// <summary>The data of the event just dispatched; valid until the next <see cref="AddLine"/>.</summary>
    public ReadOnlyMemory<byte> Data => _data.AsMemory(0, _dataLength);

    /// <summary>The <c>event:</c> name of the event just dispatched (empty when none was given).</summary>
    public ReadOnlySpan<byte> EventName => _eventName.AsSpan(0, _eventNameLength);

    /// <summary>True when the data of the dispatched event is the OpenAI end marker <c>[DONE]</c>.</summary>
    public bool IsDoneMarker => Data.Span.SequenceEqual("[DONE]"u8);

    private bool _dispatched;

    /// <summary>Adds one line (without terminator). Returns true when it completed an event (see <see cref="Data"/>).</summary>
    /// <exception cref="SseFormatException">The event's data grew beyond <see cref="MaxEventBytes"/>.</exception>
    public bool AddLine(in ReadOnlySequence<byte> line)
    {
        if (_dispatched)
        {
            _dispatched = false;
            _dataLength = 0;
            _hasData = false;
            _eventNameLength = 0;
        }

        if (line.IsEmpty)
        {
            return Dispatch();
        }

        byte first = line.FirstSpan[0];
        if (first == (byte)':')
        {
            return false;
        }

        var reader = new SequenceReader<byte>(line);
        ReadOnlySequence<byte> name;
        ReadOnlySequence<byte> value;
        if (reader.TryReadTo(out name, (byte)':'))
        {
            reader.IsNext((byte)' ', advancePast: true);
            value = reader.UnreadSequence;
        }
        else
        {
            name = line;
            value = default;
        }

        if (Matches(name, "data"u8))
        {
            int needed = _dataLength + (_hasData ? 1 : 0) + checked((int)Math.Min(value.Length, int.MaxValue));
            if (needed > MaxEventBytes)
            {
                throw new SseFormatException($"An event's data exceeds the limit of {MaxEventBytes} bytes.");
            }

            Ensure(ref _data, needed);
            if (_hasData)
            {
                _data[_dataLength++] = (byte)'\n';
            }

            value.CopyTo(_data.AsSpan(_dataLength));
            _dataLength += (int)value.Length;
            _hasData = true;
        }
        else if (Matches(name, "event"u8))
        {
            int length = (int)Math.Min(value.Length, 256);
            Ensure(ref _eventName, length);
            value.Slice(0, length).CopyTo(_eventName);
            _eventNameLength = length;
        }

        // id: and retry: matter to reconnecting EventSource clients; a Responses stream is not resumed through them.
        return false;
    }

    /// <summary>At the end of the stream: dispatches an event whose blank line never came.</summary>
    public bool Flush()
    {
        if (_dispatched)
        {
            return false;
        }

        return Dispatch();
    }

    private bool Dispatch()
    {
        if (!_hasData)
        {
            _eventNameLength = 0;
            return false;
        }

        _dispatched = true;
        return true;
    }

    private static bool Matches(in ReadOnlySequence<byte> name, ReadOnlySpan<byte> expected) =>
        name.Length == expected.Length && (name.IsSingleSegment ? name.FirstSpan.SequenceEqual(expected) : SequenceEqualSlow(name, expected));

    private static bool SequenceEqualSlow(in ReadOnlySequence<byte> name, ReadOnlySpan<byte> expected)
    {
        Span<byte> copy = stackalloc byte[expected.Length];
        name.CopyTo(copy);
        return copy.SequenceEqual(expected);
    }

    private static void Ensure(ref byte[] buffer, int size)
    {
        if (buffer.Length >= size)
        {
            return;
        }

        byte[] larger = ArrayPool<byte>.Shared.Rent(Math.Max(size, 1024));
        buffer.CopyTo(larger, 0);
        if (buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        buffer = larger;
    }

    /// <summary>Returns the pooled buffers.</summary>
    public void Dispose()
    {
        if (_data.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(_data);
            _data = [];
        }

        if (_eventName.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(_eventName);
            _eventName = [];
        }
    }
}
