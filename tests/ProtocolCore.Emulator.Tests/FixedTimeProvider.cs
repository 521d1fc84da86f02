using System;

namespace ProtocolCore.Emulator.Tests;

/// <summary>A clock stuck at one instant, so <c>created_at</c> is the same in every run (timers stay real).</summary>
internal sealed class FixedTimeProvider : TimeProvider
{
    private readonly DateTimeOffset _now;

    public FixedTimeProvider(DateTimeOffset now) => _now = now;

    public override DateTimeOffset GetUtcNow() => _now;
}
