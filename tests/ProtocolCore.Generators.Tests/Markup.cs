using System;
using Microsoft.CodeAnalysis.Text;

namespace ProtocolCore.Generators.Tests;

/// <summary>Source with the expected diagnostic span marked <c>[|like this|]</c>; the markers are removed before compiling.</summary>
internal sealed class Markup
{
    private const string Open = "[|";
    private const string Close = "|]";

    private Markup(string source, TextSpan span)
    {
        Source = source;
        Span = span;
    }

    public string Source { get; }

    public TextSpan Span { get; }

    /// <summary>Zero-based line and character of the span start, as Roslyn reports them.</summary>
    public LinePosition Start => SourceText.From(Source).Lines.GetLinePosition(Span.Start);

    public static Markup Parse(string markup)
    {
        int start = markup.IndexOf(Open, StringComparison.Ordinal);
        int end = markup.IndexOf(Close, StringComparison.Ordinal);
        if (start < 0 || end < start || markup.IndexOf(Open, start + 1, StringComparison.Ordinal) >= 0)
        {
            throw new ArgumentException("Expected exactly one [|...|] span.", nameof(markup));
        }

        string source = markup.Remove(end, Close.Length).Remove(start, Open.Length);
        return new Markup(source, TextSpan.FromBounds(start, end - Open.Length));
    }
}
