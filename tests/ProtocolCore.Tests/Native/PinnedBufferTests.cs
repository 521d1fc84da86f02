using ProtocolCore.Native;

namespace ProtocolCore.Tests.Native;

public class PinnedBufferTests
{
    [Fact]
    public unsafe void GrowthKeepsTheContentAndStopsAtTheLimit()
    {
        var buffer = new PinnedBuffer(256, maxLength: 1000);
        buffer.GetSpan(3)[..3].Fill(7);
        buffer.Advance(3);

        buffer.EnsureCapacity(600);
        Assert.Equal(600, buffer.Array.Length);
        buffer.EnsureCapacity(700);

        // Doubling would give 1200: it stops at the limit.
        Assert.Equal(1000, buffer.Array.Length);
        Assert.Equal(new byte[] { 7, 7, 7 }, buffer.Written.ToArray());
        Assert.Equal(7, buffer.Pointer[2]);
        buffer.EnsureCapacity(1200);
        Assert.Equal(1200, buffer.Array.Length);
    }

    [Fact]
    public void AdvancingPastTheArrayThrows()
    {
        var buffer = new PinnedBuffer();

        Assert.Throws<System.ArgumentOutOfRangeException>(() => buffer.Advance(buffer.Array.Length + 1));
    }
}
