using System;
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

        try
        {
            // Our own handler below, so a failure the library reports (a refused connection, a timeout, a protocol error)
            // is one line on stderr, never a stack trace.
            return await root.Parse(args).InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false }).ConfigureAwait(false);
        }
        catch (ProtocolCoreException e)
        {
            await Console.Error.WriteLineAsync("error: " + RunCommand.Describe(e)).ConfigureAwait(false);
            return 1;
        }
    }
}
