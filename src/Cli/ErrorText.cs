using System;

namespace ProtocolCore.Cli;

/// <summary>What an exception says, fit for one line a user reads: no .NET parameter names, no multi-line detail.</summary>
internal static class ErrorText
{
    /// <summary>
    /// <see cref="ArgumentException.Message"/> without <c>(Parameter 'x')</c> (a .NET name that means nothing on the
    /// command line) and without <see cref="ArgumentOutOfRangeException"/>'s second line (<c>Actual value was ...</c>).
    /// </summary>
    public static string Of(ArgumentException e)
    {
        string text = e.Message;
        int newLine = text.IndexOfAny(['\r', '\n']);
        if (newLine >= 0)
        {
            text = text[..newLine];
        }

        if (e.ParamName is { } name)
        {
            string suffix = $" (Parameter '{name}')";
            if (text.EndsWith(suffix, StringComparison.Ordinal))
            {
                text = text[..^suffix.Length];
            }
        }

        return PrintableText.Escape(text.Trim(), maxChars: 500);
    }
}
