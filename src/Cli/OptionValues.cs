using System;
using System.CommandLine.Parsing;
using System.Globalization;

namespace ProtocolCore.Cli;

/// <summary>
/// Parsers for numeric options that report a bad value as a parse error naming the option and the reason (exit 2),
/// instead of System.CommandLine's "as expected type 'System.Int32'" or a range check in each verb.
/// </summary>
internal static class OptionValues
{
    public static Func<ArgumentResult, int> Int32(int min, int max) => result =>
    {
        string token = Token(result);
        if (!int.TryParse(token, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int value))
        {
            result.AddError($"{Name(result)}: '{PrintableText.Escape(token, 40)}' is not a whole number.");
            return 0;
        }

        if (value < min || value > max)
        {
            result.AddError(string.Create(CultureInfo.InvariantCulture, $"{Name(result)}: {value} is out of range ({min} to {max})."));
        }

        return value;
    };

    /// <summary>A number above <paramref name="exclusiveMin"/> and at most <paramref name="max"/>.</summary>
    public static Func<ArgumentResult, double> Double(double exclusiveMin, double max) => result =>
    {
        string token = Token(result);
        if (!double.TryParse(token, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) || !double.IsFinite(value))
        {
            result.AddError($"{Name(result)}: '{PrintableText.Escape(token, 40)}' is not a number.");
            return 0;
        }

        if (value <= exclusiveMin || value > max)
        {
            result.AddError(string.Create(CultureInfo.InvariantCulture, $"{Name(result)}: {value} is out of range (above {exclusiveMin}, at most {max})."));
        }

        return value;
    };

    // The last occurrence wins, as for any single-valued option.
    private static string Token(ArgumentResult result) => result.Tokens.Count > 0 ? result.Tokens[^1].Value : "";

    private static string Name(ArgumentResult result) => result.Parent is OptionResult option ? option.Option.Name : result.Argument.Name;
}
