using System;

namespace ProtocolCore.Cli.Commands;

/// <summary>What the demo's untimed warm-up did: passes of both modes, how long, and what the JIT compiled in the last pass.</summary>
internal sealed record DemoWarmUp(int Passes, TimeSpan Duration, long LastPassCompiledMethods);
