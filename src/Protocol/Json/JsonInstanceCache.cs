using System;
using System.ComponentModel;
using System.Runtime.CompilerServices;

namespace ProtocolCore.Json;

/// <summary>
/// One reusable instance per case of a union, so a steady stream of events decodes into the same objects and allocates
/// nothing. An instance handed out is overwritten by the next decode of the same kind.
/// </summary>
/// <remarks>For the code the ProtocolCore generator emits into this assembly; not meant to be called directly, and it may change in any release.</remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class JsonInstanceCache<TUnion> where TUnion : class
{
    private readonly TUnion?[] _slots;

    /// <summary>A cache with one slot per case of the union (the generated <c>CaseCount</c>).</summary>
    public JsonInstanceCache(int caseCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(caseCount);
        _slots = new TUnion?[caseCount];
    }

    /// <summary>
    /// The instance kept for case <paramref name="index"/>, or null before one is kept. With a cast to the sealed case type
    /// this is what the generated fast path inlines: no shared-generic lookup, unlike <see cref="Get{TCase}"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public TUnion? Peek(int index) => _slots[index];

    /// <summary>Keeps <paramref name="value"/> as the instance of case <paramref name="index"/> and returns it.</summary>
    public TCase Keep<TCase>(int index, TCase value) where TCase : class, TUnion
    {
        _slots[index] = value;
        return value;
    }

    /// <summary>The instance kept for case <paramref name="index"/>, created on first use.</summary>
    public TCase Get<TCase>(int index) where TCase : class, TUnion, new()
    {
        return (TCase)(_slots[index] ??= new TCase());
    }
}
