using System;
using System.Threading;

namespace ProtocolCore.Native;

/// <summary>
/// Maps opaque handles to objects. A handle is <c>(generation &lt;&lt; 32) | (slot + 1)</c>: never zero, and a destroyed or
/// forged one fails the slot-and-generation check instead of reaching freed memory, which a raw
/// <c>GCHandle.ToIntPtr</c> could not promise (<c>GCHandle.FromIntPtr</c> on a freed handle is undefined).
/// </summary>
/// <remarks>
/// Thread-safe: add and remove take a lock; lookups don't, because handles of different objects may be used from
/// different threads at once (each object itself is single-threaded). Slots are objects, so growing the array never
/// tears a concurrent lookup.
/// </remarks>
internal sealed class HandleTable<T>
    where T : class
{
    private readonly Lock _lock = new();
    private Slot[] _slots = new Slot[16];
    private int _count;
    private int _freeHead = -1;

    /// <summary>Slots ever used: they are filled in order and reused through the free list, never cleared.</summary>
    private int _used;

    /// <summary>Live entries (for tests and leak checks).</summary>
    public int Count => Volatile.Read(ref _count);

    public nint Add(T value)
    {
        ArgumentNullException.ThrowIfNull(value);
        lock (_lock)
        {
            int index = _freeHead;
            Slot slot;
            if (index >= 0)
            {
                slot = _slots[index];
                _freeHead = slot.NextFree;
            }
            else
            {
                index = _used++;
                slot = new Slot();
                Slot[] slots = _slots;
                if (index == slots.Length)
                {
                    Array.Resize(ref slots, slots.Length * 2);
                    Volatile.Write(ref _slots, slots);
                }

                slots[index] = slot;
            }

            slot.Value = value;
            _count++;
            return (nint)(((long)slot.Generation << 32) | (uint)(index + 1));
        }
    }

    public T? Get(nint handle)
    {
        if (!TryDecode(handle, out int index, out uint generation))
        {
            return null;
        }

        Slot[] slots = Volatile.Read(ref _slots);
        if ((uint)index >= (uint)slots.Length || slots[index] is not { } slot || Volatile.Read(ref slot.Generation) != generation)
        {
            return null;
        }

        return slot.Value;
    }

    /// <summary>Removes the entry and returns it; null if the handle is not live.</summary>
    public T? Remove(nint handle)
    {
        if (!TryDecode(handle, out int index, out uint generation))
        {
            return null;
        }

        lock (_lock)
        {
            if ((uint)index >= (uint)_slots.Length || _slots[index] is not { } slot || slot.Generation != generation || slot.Value is null)
            {
                return null;
            }

            T value = slot.Value;
            slot.Value = null;

            // A new generation makes every copy of the old handle stale; skip 0 so a handle is never 0.
            uint next = slot.Generation + 1;
            Volatile.Write(ref slot.Generation, next == 0 ? 1 : next);
            slot.NextFree = _freeHead;
            _freeHead = index;
            _count--;
            return value;
        }
    }

    private static bool TryDecode(nint handle, out int index, out uint generation)
    {
        ulong raw = (ulong)handle;
        uint low = (uint)raw;
        generation = (uint)(raw >> 32);
        index = (int)(low - 1);
        return low != 0 && low <= int.MaxValue && generation != 0;
    }

    private sealed class Slot
    {
        public uint Generation = 1;
        public T? Value;
        public int NextFree = -1;
    }
}
