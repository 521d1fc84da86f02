using System.Collections.Generic;
using System.CommandLine;
using System.CommandLine.Invocation;
using System.CommandLine.Parsing;
using System.Linq;

namespace ProtocolCore.Cli;

/// <summary>What is wrong with a command line, in the order a user should read it; empty when it can run.</summary>
internal static class UsageErrors
{
    public static List<string> Of(ParseResult parse)
    {
        var errors = new List<string>();

        // --help and --version run whatever else the line holds.
        if (parse.Action is not null && parse.Action is not ParseErrorAction && !ReferenceEquals(parse.Action, parse.CommandResult.Command.Action))
        {
            return errors;
        }

        // An unknown option is taken as the verb's argument value (decode --bogus FILE binds "--bogus" as the file and
        // then reports FILE as unmatched): name the option first, and drop the unmatched-token errors it caused.
        List<string> unknownOptions = UnknownOptions(parse);
        foreach (string option in unknownOptions)
        {
            errors.Add($"unknown option '{PrintableText.Escape(option, 60)}'.");
        }

        // The token the user typed wrong first ("Unrecognized command or argument 'x'"), its consequences after.
        foreach (ParseError error in parse.Errors.OrderBy(e => NamesUnmatchedToken(parse, e) ? 0 : 1))
        {
            if (unknownOptions.Count == 0 || !NamesUnmatchedToken(parse, error))
            {
                errors.Add(PrintableText.Escape(error.Message, 300));
            }
        }

        return errors;
    }

    private static List<string> UnknownOptions(ParseResult parse)
    {
        var found = new List<string>();
        foreach (SymbolResult child in parse.CommandResult.Children)
        {
            if (child is not ArgumentResult argument)
            {
                continue;
            }

            foreach (Token token in argument.Tokens)
            {
                // "-" is standard input; after "--" anything is a value (a prompt may start with a dash).
                if (token.Value.Length > 1 && token.Value[0] == '-' && !AfterDoubleDash(parse, token))
                {
                    found.Add(token.Value);
                }
            }
        }

        foreach (string token in parse.UnmatchedTokens)
        {
            if (token.Length > 1 && token[0] == '-' && !found.Contains(token))
            {
                found.Add(token);
            }
        }

        return found;
    }

    private static bool NamesUnmatchedToken(ParseResult parse, ParseError error) =>
        parse.UnmatchedTokens.Any(t => error.Message.Contains($"'{t}'", System.StringComparison.Ordinal));

    private static bool AfterDoubleDash(ParseResult parse, Token token)
    {
        bool seen = false;
        foreach (Token t in parse.Tokens)
        {
            if (ReferenceEquals(t, token))
            {
                return seen;
            }

            seen |= t.Type == TokenType.DoubleDash;
        }

        return seen;
    }
}
