using System;
using ProtocolCore.Cli;

namespace ProtocolCore.Tests.Cli;

public sealed class PrintableTextTests
{
    [Theory]
    [InlineData("plain 'text' é 日本 😀", "plain 'text' é 日本 😀")]
    [InlineData("\u001b[2J\0\u007f", "\\x1b[2J\\x00\\x7f")]
    [InlineData("a\nb\r\tc", "a\\nb\\r\\tc")]
    [InlineData("\u0085\u009b", "\\x85\\x9b")]
    [InlineData("right\u202eleft\u2028", "right\\u202eleft\\u2028")]
    public void ControlFormatAndBrokenCharactersAreEscaped(string text, string expected)
    {
        Assert.Equal(expected, PrintableText.Escape(text));
    }

    [Fact]
    public void LoneSurrogatesAreEscaped()
    {
        // Not theory data: xUnit turns a lone surrogate in an attribute into U+FFFD before the test sees it.
        Assert.Equal("lone \\ud800 and \\udc00", PrintableText.Escape("lone \ud800 and \udc00"));
    }

    [Fact]
    public void ALongQuoteIsCutToABoundedExcerpt()
    {
        Assert.Equal(new string('x', 10) + "...", PrintableText.Escape(new string('x', 1000), maxChars: 10));
        Assert.Equal("\\x01\\x01\\x01...", PrintableText.Escape(new string('\u0001', 1000), maxChars: 14));
        Assert.Equal("0123456789", PrintableText.Escape("0123456789", maxChars: 10));
    }

    [Fact]
    public void ACutNeverSplitsASurrogatePair()
    {
        Assert.Equal("abc...", PrintableText.Escape("abc😀😀", maxChars: 4));
    }

    [Fact]
    public void ArgumentMessagesLoseTheirDotNetParameterNames()
    {
        var outOfRange = new ArgumentOutOfRangeException("Port", -1, "Port must be non-negative.");
        var plain = new ArgumentException("The URI must be absolute.", "uri");

        Assert.Equal("Port must be non-negative.", ErrorText.Of(outOfRange));
        Assert.Equal("The URI must be absolute.", ErrorText.Of(plain));
    }
}
