using System;
using System.Globalization;
using System.Text;

namespace ProtocolCore.Cli;

/// <summary>
/// Makes text that came from input (a file, a server) safe to quote in one terminal line: control and format characters
/// (escape sequences, bidi overrides, NUL) and lone surrogates are written as <c>\n</c>, <c>\xNN</c> or <c>\uNNNN</c>,
/// and the result is cut to a bounded excerpt, so garbage can neither drive the terminal nor flood it.
/// </summary>
internal static class PrintableText
{
    public const int DefaultMaxChars = 200;

    public static string Escape(string text, int maxChars = DefaultMaxChars)
    {
        var builder = new StringBuilder(Math.Min(text.Length, maxChars) + 16);
        for (int i = 0; i < text.Length; i++)
        {
            // Cut between characters (a pair and an escape count as one), never inside one.
            int before = builder.Length;
            char c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                builder.Append(c).Append(text[++i]);
            }
            else if (!NeedsEscape(c))
            {
                builder.Append(c);
            }
            else
            {
                builder.Append(c switch
                {
                    '\n' => "\\n",
                    '\r' => "\\r",
                    '\t' => "\\t",
                    _ when c <= '\xff' => string.Create(CultureInfo.InvariantCulture, $"\\x{(int)c:x2}"),
                    _ => string.Create(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}"),
                });
            }

            if (builder.Length > maxChars)
            {
                return builder.ToString(0, before) + "...";
            }
        }

        return builder.ToString();
    }

    private static bool NeedsEscape(char c) =>
        char.IsSurrogate(c) || char.GetUnicodeCategory(c) is UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator;
}
