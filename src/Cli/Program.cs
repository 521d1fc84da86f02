using System;
using System.Threading.Tasks;

namespace ProtocolCore.Cli;

internal static class Program
{
    public static async Task<int> Main(string[] args)
    {
        await Task.Yield();
        Console.Error.WriteLine("usage: protocolcore decode FILE|-");
        return args.Length == 0 ? 2 : 2;
    }
}
