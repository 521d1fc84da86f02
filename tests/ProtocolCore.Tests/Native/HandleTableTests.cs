using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using ProtocolCore.Native;

namespace ProtocolCore.Tests.Native;

public class HandleTableTests
{
    [Fact]
    public void StaleAndForgedHandlesFindNothing()
    {
        var table = new HandleTable<object>();
        object first = new();
        nint handle = table.Add(first);

        Assert.NotEqual(0, handle);
        Assert.Same(first, table.Get(handle));
        Assert.Same(first, table.Remove(handle));
        Assert.Null(table.Get(handle));
        Assert.Null(table.Remove(handle));

        // The slot is reused with a new generation: the old handle still finds nothing.
        nint second = table.Add(new object());
        Assert.NotEqual(handle, second);
        Assert.Null(table.Get(handle));
        Assert.Null(table.Get(0));
        Assert.Null(table.Get(unchecked((nint)0xDEADBEEF_DEADBEEF)));
        Assert.Null(table.Get(second + 1));
        Assert.Equal(1, table.Count);
    }

    [Fact]
    public void ConcurrentAddsAndRemovesKeepEveryHandleDistinct()
    {
        var table = new HandleTable<object>();

        Parallel.For(0, 4, _ =>
        {
            var mine = new List<(nint Handle, object Value)>();
            for (int i = 0; i < 10_000; i++)
            {
                object value = new();
                mine.Add((table.Add(value), value));
                if (i % 3 == 0)
                {
                    (nint handle, object expected) = mine[^1];
                    Assert.Same(expected, table.Remove(handle));
                    mine.RemoveAt(mine.Count - 1);
                }
            }

            Assert.All(mine, m => Assert.Same(m.Value, table.Get(m.Handle)));
            Assert.All(mine, m => Assert.Same(m.Value, table.Remove(m.Handle)));
        });

        Assert.Equal(0, table.Count);
    }
}
