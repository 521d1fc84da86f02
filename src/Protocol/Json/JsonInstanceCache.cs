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
    // Direct: one slot per case, found by one array index (the event reader's, which meets dozens of kinds).
    private readonly TUnion?[]? _slots;

    // Few: the cases one place in a model meets (a list position, a member), kept in arrival order and found by a short
    // scan; the first inline, so a place that sees one kind costs this object and nothing else.
    private int _firstIndex = -1;
    private TUnion? _first;
    private int[]? _moreIndexes;
    private TUnion?[]? _more;
    private int _moreCount;

    /// <summary>A cache with one slot per case of the union (the generated <c>CaseCount</c>).</summary>
    public JsonInstanceCache(int caseCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(caseCount);
        _slots = new TUnion?[caseCount];
    }

    /// <summary>
    /// A cache for one place in a model (a member, a list position) that meets few cases: it holds only the cases it has
    /// seen, so its size follows use rather than the union's case count.
    /// </summary>
    public JsonInstanceCache()
    {
    }

    /// <summary>
    /// The instance kept for case <paramref name="index"/>, or null before one is kept. With a cast to the sealed case type
    /// this is what the generated fast path inlines: no shared-generic lookup, unlike <see cref="Get{TCase}"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public TUnion? Peek(int index) => _slots is { } slots ? slots[index] : index == _firstIndex ? _first : PeekMore(index);

    /// <summary>Keeps <paramref name="value"/> as the instance of case <paramref name="index"/> and returns it.</summary>
    public TCase Keep<TCase>(int index, TCase value) where TCase : class, TUnion
    {
        if (_slots is { } slots)
        {
            slots[index] = value;
        }
        else
        {
            KeepFew(index, value);
        }

        return value;
    }

    /// <summary>The instance kept for case <paramref name="index"/>, created on first use.</summary>
    public TCase Get<TCase>(int index) where TCase : class, TUnion, new()
    {
        return Peek(index) is { } kept ? (TCase)kept : Keep(index, new TCase());
    }

    private TUnion? PeekMore(int index)
    {
        int[]? indexes = _moreIndexes;
        if (indexes is null)
        {
            return null;
        }

        for (int i = 0; i < _moreCount; i++)
        {
            if (indexes[i] == index)
            {
                return _more![i];
            }
        }

        return null;
    }

    private void KeepFew(int index, TUnion value)
    {
        if (_firstIndex < 0 || _firstIndex == index)
        {
            _firstIndex = index;
            _first = value;
            return;
        }

        for (int i = 0; i < _moreCount; i++)
        {
            if (_moreIndexes![i] == index)
            {
                _more![i] = value;
                return;
            }
        }

        // Each case is kept once, so this holds at most one entry per case of the union.
        if (_moreIndexes is null || _moreCount == _moreIndexes.Length)
        {
            int length = _moreIndexes is null ? 2 : _moreIndexes.Length * 2;
            Array.Resize(ref _moreIndexes, length);
            Array.Resize(ref _more, length);
        }

        _moreIndexes[_moreCount] = index;
        _more![_moreCount] = value;
        _moreCount++;
    }
}
