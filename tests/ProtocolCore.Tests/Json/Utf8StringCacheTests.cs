using System;
using System.Linq;
using System.Text;
using ProtocolCore.Json;

namespace ProtocolCore.Tests.Json;

/// <summary>The view decode's string cache: which values come back as the same instance, and that a hit is the same text.</summary>
public class Utf8StringCacheTests
{
    [Fact]
    public void FourShortValuesAllStayWhateverTheirHashes()
    {
        // A set holds four: values that share a set do not evict each other (a direct-mapped table lost one in most processes).
        var cache = new Utf8StringCache();
        byte[][] values = ["resp_0123456789abcdef"u8.ToArray(), "response"u8.ToArray(), "gpt-5-2025-08-07"u8.ToArray(), "weather"u8.ToArray()];
        string[] first = values.Select(v => cache.GetOrAdd(v)).ToArray();

        for (int i = 0; i < values.Length; i++)
        {
            Assert.Same(first[i], cache.GetOrAdd(values[i]));
            Assert.Equal(Encoding.UTF8.GetString(values[i]), first[i]);
        }
    }

    [Fact]
    public void AnEmptyValueIsTheEmptyStringAndTakesNoSlot()
    {
        var cache = new Utf8StringCache();
        Assert.Same(string.Empty, cache.GetOrAdd([]));

        // Other values are cached as before, an empty one read between them.
        byte[][] values = ["a1"u8.ToArray(), "b2"u8.ToArray(), "c3"u8.ToArray(), "d4"u8.ToArray()];
        string[] first = values.Select(v => cache.GetOrAdd(v)).ToArray();
        Assert.Same(string.Empty, cache.GetOrAdd(ReadOnlySpan<byte>.Empty));
        for (int i = 0; i < values.Length; i++)
        {
            Assert.Same(first[i], cache.GetOrAdd(values[i]));
        }
    }

    [Theory]
    [InlineData(120, false)]
    [InlineData(40, true)]
    [InlineData(3000, true)]
    public void ALongOrNonAsciiValueComesBackAsTheSameInstance(int length, bool nonAscii)
    {
        var cache = new Utf8StringCache();
        string text = string.Concat(Enumerable.Repeat(nonAscii ? "It’s 40°C, " : "plain text ", length / 10))[..length];
        byte[] utf8 = Encoding.UTF8.GetBytes(text);

        string first = cache.GetOrAdd(utf8);
        Assert.Equal(text, first);
        Assert.Same(first, cache.GetOrAdd(utf8));

        // The same UTF-8 length, one character different (in the last chunk of a long value): not a hit.
        byte[] other = (byte[])utf8.Clone();
        other[^1] = (byte)(other[^1] == (byte)'x' ? 'y' : 'x');
        string different = cache.GetOrAdd(other);
        Assert.Equal(Encoding.UTF8.GetString(other), different);
        Assert.NotSame(first, different);
        Assert.Same(first, cache.GetOrAdd(utf8));
    }

    [Fact]
    public void InvalidUtf8IsDecodedAsEncodingUtf8DoesOnEveryRead()
    {
        var cache = new Utf8StringCache();
        byte[] invalid = [.. "text "u8, 0xE2, 0x80, (byte)'x', .. "after an invalid sequence"u8, 0xFF];

        string first = cache.GetOrAdd(invalid);

        Assert.Equal(Encoding.UTF8.GetString(invalid), first);
        Assert.Same(first, cache.GetOrAdd(invalid));
    }

    [Fact]
    public void AValuePastTheLongLimitAndAnyAfterClearAreNew()
    {
        var cache = new Utf8StringCache();
        byte[] huge = Encoding.UTF8.GetBytes(new string('é', (Utf8StringCache.MaxLongLength / 2) + 1));
        byte[] text = Encoding.UTF8.GetBytes("déjà vu, a value read again");

        Assert.NotSame(cache.GetOrAdd(huge), cache.GetOrAdd(huge));
        string kept = cache.GetOrAdd(text);
        cache.Clear();
        string after = cache.GetOrAdd(text);
        Assert.NotSame(kept, after);
        Assert.Equal(kept, after);
    }

    [Fact]
    public void AViewDecodeFindsAnEscapedValueInTheCacheToo()
    {
        // Message text with a quote or a newline is escaped in JSON: unescaped into scratch for the lookup, same instance.
        byte[] json = Encoding.UTF8.GetBytes("""["line one\nline \"two\" – more than ninety-six bytes of message text, so it is kept with the long values", "x"]""");
        using var context = new JsonReadContext();

        string first = ReadFirst(context, json);
        string second = ReadFirst(context, json);

        Assert.Equal("line one\nline \"two\" – more than ninety-six bytes of message text, so it is kept with the long values", first);
        Assert.Same(first, second);
    }

    private static string ReadFirst(JsonReadContext context, byte[] json)
    {
        context.Reset(json, owned: false);
        var reader = new JsonScanner(json);
        reader.Read();
        reader.Read();
        return context.ReadString(ref reader);
    }
}
