using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Threading.Tasks;
using ProtocolCore.Cli.Commands;

namespace ProtocolCore.Cli;

internal static class Program
{
    public static async Task<int> Main(string[] args)
    {
        var root = new RootCommand("ProtocolCore: the OpenAI Responses API WebSocket-mode protocol core.")
        {
            DecodeCommand.Create(),
            ConnectCommand.Create(),
            ServeCommand.Create(),
            DemoCommand.Create(),
            RunCommand.Create(),
        };

        ParseResult parse = root.Parse(args);

        // System.CommandLine exits 1 on a parse error, which is "the operation failed" here; bad usage is 2 for every verb.
        List<string> usage = UsageErrors.Of(parse);
        if (usage.Count > 0)
        {
            foreach (string message in usage)
            {
                await Console.Error.WriteLineAsync("error: " + message).ConfigureAwait(false);
            }

            string verb = parse.CommandResult.Command is RootCommand ? "" : parse.CommandResult.Command.Name + " ";
            await Console.Error.WriteLineAsync($"Run 'protocolcore {verb}--help' for usage.").ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        try
        {
            // Our own handler below, so a failure the library reports (a refused connection, a timeout, a protocol error)
            // is one line on stderr, never a stack trace. The termination timeout is what turns Ctrl-C into a cancelled
            // token (and exit 130) rather than the signal killing the process; a configuration we build has none unless set.
            var configuration = new InvocationConfiguration { EnableDefaultExceptionHandler = false, ProcessTerminationTimeout = TimeSpan.FromSeconds(2) };
            return await parse.InvokeAsync(configuration).ConfigureAwait(false);
        }
        catch (ProtocolCoreException e)
        {
            await Console.Error.WriteLineAsync("error: " + PrintableText.Escape(RunCommand.Describe(e), maxChars: 1000)).ConfigureAwait(false);
            return ExitCodes.Failure;
        }
        catch (OperationCanceledException)
        {
            // Ctrl-C cancelled the verb's token: the shell's convention, not a failure to report.
            return ExitCodes.Interrupted;
        }
        catch (ArgumentException e)
        {
            // A value the verb passed on unchecked and the library refused (a verb's own checks say more).
            await Console.Error.WriteLineAsync("error: " + ErrorText.Of(e)).ConfigureAwait(false);
            return ExitCodes.Usage;
        }
        catch (Exception e)
        {
            // A bug, still one line: a stack trace on a user's terminal helps no one; the type says where to look.
            await Console.Error.WriteLineAsync($"error: unexpected {e.GetType().Name}: {PrintableText.Escape(e.Message.ReplaceLineEndings(" "), maxChars: 500)}").ConfigureAwait(false);
            return ExitCodes.Failure;
        }
    }
}
