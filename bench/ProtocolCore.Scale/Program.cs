using System;
using ProtocolCore.Scale;
using ProtocolCore.Scale.Client;
using ProtocolCore.Scale.Runner;
using ProtocolCore.Scale.Server;

// The scale benchmark (issue 15): `run` drives the whole thing; `server` and `client` are the processes it starts.
string role = args.Length > 0 ? args[0] : "";
if (role is not ("run" or "server" or "client"))
{
    Console.Error.WriteLine("usage: ProtocolCore.Scale run [--sessions 1,100,1000] [--turns 3] [--modes raw,anchor,ours-owned,ours-view] [--pace-ms 20] [--max-seconds 600]");
    Console.Error.WriteLine("       [--warmup-seconds 2] [--idle-seconds 3] [--server-cpu 1] [--client-cpu 0] [--fixture FILE]");
    return 2;
}

ScaleOptions options;
try
{
    options = ScaleOptions.Parse(args);
}
catch (Exception e) when (e is ArgumentException or FormatException or System.IO.IOException)
{
    Console.Error.WriteLine(e.Message);
    return 2;
}

return role switch
{
    "server" => await PacedServer.RunAsync(options).ConfigureAwait(false),
    "client" => await ScaleClient.RunAsync(options).ConfigureAwait(false),
    _ => await ScaleRunner.RunAsync(options).ConfigureAwait(false),
};
