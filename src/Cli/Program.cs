using System.CommandLine;
using System.Threading.Tasks;
using ProtocolCore.Cli.Commands;

namespace ProtocolCore.Cli;

internal static class Program
{
    public static Task<int> Main(string[] args)
    {
        var root = new RootCommand("ProtocolCore: the OpenAI Responses API WebSocket-mode protocol core.")
        {
            DecodeCommand.Create(),
            ConnectCommand.Create(),
            ServeCommand.Create(),
            DemoCommand.Create(),
            RunCommand.Create(),
        };

        return root.Parse(args).InvokeAsync();
    }
}
