using System;
using System.Text;

namespace ProtocolCore.Json;

/// <summary>
/// The strings a view decode made lately, so the same short ASCII value read again (the response id, object and model
/// of <c>response.created</c> and <c>.in_progress</c>, an item id in each event about that item, a role) costs a
/// lookup instead of a new string. Direct-mapped: a value's hash picks one slot, a collision replaces it. Only
/// unescaped ASCII values up to <see cref="MaxLength"/> bytes are kept, so a hit is a byte-to-char comparison.
/// Strings are immutable, so a cached one handed out stays valid whatever the reader does next.
/// </summary>
internal sealed class Utf8StringCache
{
    /// <summary>Longer values (message text, arguments) rarely repeat and would only hold memory.</summary>
    public const int MaxLength = 96;

    private const int SlotCount = 32;

    private string?[]? _slots;

    /// <summary>The string for <paramref name="utf8"/> (unescaped UTF-8), from the cache when it holds the same value.</summary>
    public string GetOrAdd(ReadOnlySpan<byte> utf8)
    {
        if (utf8.Length > MaxLength)
        {
            return Encoding.UTF8.GetString(utf8);
        }

        var hash = default(HashCode);
        hash.AddBytes(utf8);
        string?[] slots = _slots ??= new string?[SlotCount];
        ref string? slot = ref slots[hash.ToHashCode() & (SlotCount - 1)];
        if (slot is { } cached && cached.Length == utf8.Length && Ascii.Equals(utf8, cached))
        {
            return cached;
        }

        string created = Encoding.UTF8.GetString(utf8);
        if (created.Length == utf8.Length && Ascii.IsValid(utf8))
        {
            slot = created;
        }

        return created;
    }

    /// <summary>Forgets every value (keeps the slot table): nothing of an earlier stream is kept alive by the cache.</summary>
    public void Clear()
    {
        if (_slots is not null)
        {
            Array.Clear(_slots);
        }
    }
}
