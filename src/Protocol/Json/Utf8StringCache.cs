using System;
using System.Buffers;
using System.Text;
using System.Text.Unicode;

namespace ProtocolCore.Json;

/// <summary>
/// The strings a view decode made lately, so the same short ASCII value read again (the response id, object and model
/// of <c>response.created</c> and <c>.in_progress</c>, an item id in each event about that item, a role) costs a
/// lookup instead of a new string. Set-associative: a value's hash picks a set of <see cref="Ways"/> slots, so the
/// dozen values of a turn rarely evict each other (direct-mapped, two of them shared a slot in most processes). Only
/// unescaped ASCII values up to <see cref="MaxLength"/> bytes are kept, so a hit is a byte-to-char comparison.
/// Strings are immutable, so a cached one handed out stays valid whatever the reader does next.
/// Longer or non-ASCII values (a message's text, a call's arguments) are kept too, the last few of them: a turn repeats
/// each in the content part, the finished item and the terminal response.
/// </summary>
internal sealed class Utf8StringCache
{
    /// <summary>The longest value kept in the sets (UTF-8 bytes): ids and names; longer ones go to the few long slots.</summary>
    public const int MaxLength = 96;

    /// <summary>The longest other value kept (UTF-8 bytes): past this a repeat costs less than the memory held.</summary>
    public const int MaxLongLength = 64 * 1024;

    private const int Sets = 16;

    private const int Ways = 4;

    /// <summary>How many long or non-ASCII values are kept: the ones a turn is repeating (text, arguments, a summary).</summary>
    private const int LongSlotCount = 4;

    private string?[]? _slots;

    // The last long or non-ASCII values, round robin, with their UTF-8 lengths (a candidate must have the same length).
    private string?[]? _long;
    private int[]? _longLengths;
    private int _nextLong;

    /// <summary>The string for <paramref name="utf8"/> (unescaped UTF-8), from the cache when it holds the same value.</summary>
    public string GetOrAdd(ReadOnlySpan<byte> utf8)
    {
        if (utf8.IsEmpty)
        {
            // A new text part starts empty every turn: no string to make or keep.
            return string.Empty;
        }

        if (utf8.Length > MaxLength)
        {
            return GetOrAddLong(utf8);
        }

        var hasher = default(HashCode);
        hasher.AddBytes(utf8);
        int hash = hasher.ToHashCode();
        string?[] slots = _slots ??= new string?[Sets * Ways];
        int set = (hash & (Sets - 1)) * Ways;
        int free = -1;
        for (int i = set; i < set + Ways; i++)
        {
            string? cached = slots[i];
            if (cached is null)
            {
                free = free < 0 ? i : free;
            }
            else if (cached.Length == utf8.Length && Ascii.Equals(utf8, cached))
            {
                return cached;
            }
        }

        if (!Ascii.IsValid(utf8))
        {
            return GetOrAddLong(utf8);
        }

        // A full set gives up the way the hash's next bits pick.
        string created = Encoding.UTF8.GetString(utf8);
        slots[free >= 0 ? free : set + ((hash >>> 4) & (Ways - 1))] = created;
        return created;
    }

    /// <summary>Forgets every value (keeps the slot tables): nothing of an earlier stream is kept alive by the cache.</summary>
    public void Clear()
    {
        if (_slots is not null)
        {
            Array.Clear(_slots);
        }

        ForgetLongValues();
    }

    /// <summary>Forgets the long or non-ASCII values (a stream's text and arguments), keeping the short ones.</summary>
    public void ForgetLongValues()
    {
        if (_long is not null)
        {
            Array.Clear(_long);
            Array.Clear(_longLengths!);
        }
    }

    private string GetOrAddLong(ReadOnlySpan<byte> utf8)
    {
        if (utf8.Length > MaxLongLength)
        {
            return Encoding.UTF8.GetString(utf8);
        }

        string?[] values = _long ??= new string?[LongSlotCount];
        int[] lengths = _longLengths ??= new int[LongSlotCount];
        for (int i = 0; i < values.Length; i++)
        {
            if (lengths[i] == utf8.Length && values[i] is { } cached && Utf8Equals(utf8, cached))
            {
                return cached;
            }
        }

        string created = Encoding.UTF8.GetString(utf8);
        values[_nextLong] = created;
        lengths[_nextLong] = utf8.Length;
        _nextLong = (_nextLong + 1) % LongSlotCount;
        return created;
    }

    /// <summary>
    /// Whether <paramref name="utf8"/> decodes to <paramref name="value"/> (invalid bytes as U+FFFD, as
    /// <see cref="Encoding.UTF8"/> decodes them), transcoded a chunk at a time on the stack.
    /// </summary>
    private static bool Utf8Equals(ReadOnlySpan<byte> utf8, string value)
    {
        Span<char> chunk = stackalloc char[256];
        ReadOnlySpan<char> rest = value;
        while (true)
        {
            // A chunk ends on a whole character: DestinationTooSmall leaves the bytes of the next one unread.
            OperationStatus status = Utf8.ToUtf16(utf8, chunk, out int read, out int written, replaceInvalidSequences: true);
            if (written > rest.Length || !chunk[..written].SequenceEqual(rest[..written]))
            {
                return false;
            }

            rest = rest[written..];
            utf8 = utf8[read..];
            if (status != OperationStatus.DestinationTooSmall)
            {
                return status == OperationStatus.Done && rest.IsEmpty;
            }
        }
    }
}
