using System;
using System.Threading.Tasks;
using ProtocolCore.Emulator;

namespace ProtocolCore.Emulator.Tests;

/// <summary>Emulators for tests: loopback, ephemeral port, zero cost model, one accepted key.</summary>
internal static class TestServers
{
    public const string ApiKey = "sk-test-emulator-key-123";

    /// <summary>Every test is bounded by this, so a hang fails instead of stalling the suite.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    public static Task<EmulatorServer> StartAsync(Action<EmulatorOptions>? configure = null)
    {
        var options = new EmulatorOptions
        {
            AcceptedApiKeys = [ApiKey],
            CostModel = EmulatorCostModel.Zero,
            PersistedLookupDelay = TimeSpan.Zero,
        };
        configure?.Invoke(options);
        return EmulatorServer.StartAsync(options);
    }
}
