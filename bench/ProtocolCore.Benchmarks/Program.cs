using BenchmarkDotNet.Running;
using ProtocolCore.Benchmarks.Client;

if (args.Length > 0 && args[0] == "turn-cpu")
{
    return await TurnCpuHarness.RunAsync(args).ConfigureAwait(false);
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
