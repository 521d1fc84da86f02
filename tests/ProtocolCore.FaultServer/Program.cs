using System;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using ProtocolCore.Faults;

// The fault server as a process, for the binding tests: prints "Base URL: ..." and serves until stdin closes or
// SIGTERM. Its findings are at GET {base}storm/report.
int port = 0;
for (int i = 0; i < args.Length; i++)
{
    if (args[i] == "--port" && i + 1 < args.Length)
    {
        port = int.Parse(args[++i], CultureInfo.InvariantCulture);
    }
    else
    {
        Console.Error.WriteLine("usage: ProtocolCore.FaultServer [--port N]");
        return 2;
    }
}

await using FaultServer server = FaultServer.Start(port);
Console.WriteLine($"Base URL: {server.BaseAddress}");
Console.Out.Flush();

using var stop = new CancellationTokenSource();
using PosixSignalRegistration term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
{
    context.Cancel = true;
    stop.Cancel();
});
Task stdinClosed = Task.Run(() =>
{
    while (Console.In.ReadLine() is not null)
    {
    }
});
await Task.WhenAny(stdinClosed, Task.Delay(Timeout.Infinite, stop.Token).ContinueWith(_ => { }, TaskScheduler.Default)).ConfigureAwait(false);
return 0;
