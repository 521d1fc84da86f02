using BenchmarkDotNet.Running;
using ProtocolCore.Benchmarks.Client;
using ProtocolCore.Benchmarks.Json;
using ProtocolCore.Benchmarks.WebSockets;

if (args.Length > 0 && args[0] == "turn-cpu")
{
    return await TurnCpuHarness.RunAsync(args).ConfigureAwait(false);
}

if (args.Length > 0 && args[0] == "receive-core")
{
    return ReceiveCoreHarness.Run(args);
}

if (args.Length > 0 && args[0] == "decode-loop")
{
    return DecodeLoopHarness.Run(args);
}

if (args.Length > 0 && args[0] == "decode-ratio")
{
    return DecodeRatioHarness.Run(args);
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
