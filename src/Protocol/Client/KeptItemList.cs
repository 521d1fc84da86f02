using System.Collections;
using System.Collections.Generic;
using ProtocolCore.Models;

namespace ProtocolCore.Client;

/// <summary>
/// A read-only list as callers see it: the items of <paramref name="items"/>, with every <see cref="KeptOutputItem"/>
/// presented as its owned model (decoded on first access, then the same instance). Live: it follows the list it wraps.
/// </summary>
internal sealed class KeptItemList<TItem>(IReadOnlyList<InputItem> items) : IReadOnlyList<TItem>
    where TItem : InputItem
{
    public TItem this[int index] => (TItem)KeptOutputItem.Present(items[index]);

    public int Count => items.Count;

    public IEnumerator<TItem> GetEnumerator()
    {
        for (int i = 0; i < items.Count; i++)
        {
            yield return this[i];
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary><paramref name="list"/> itself when it holds no kept item (nothing to decode), else a presenting wrapper.</summary>
    public static IReadOnlyList<TItem> Present(IReadOnlyList<TItem> list)
    {
        for (int i = 0; i < list.Count; i++)
        {
            if (list[i] is KeptOutputItem)
            {
                return new KeptItemList<TItem>(list);
            }
        }

        return list;
    }
}
