using System;
using System.Collections.Generic;
using System.Net.WebSockets;

namespace ProtocolCore.Emulator;

/// <summary>Everything the emulator lets a test, the demo or <c>protocolcore serve</c> configure.</summary>
public sealed class EmulatorOptions
{
    /// <summary>The loopback port to listen on; 0 picks a free one (see <see cref="EmulatorServer.BaseAddress"/>).</summary>
    public int Port { get; set; }

    /// <summary>The API keys accepted as <c>Authorization: Bearer</c>; null accepts any non-empty key.</summary>
    public IReadOnlyCollection<string>? AcceptedApiKeys { get; set; }

    /// <summary>
    /// How long a WebSocket connection may live (60 minutes upstream). When it expires the emulator sends
    /// <c>websocket_connection_limit_reached</c> and closes, abandoning a response in flight.
    /// </summary>
    public TimeSpan ConnectionAgeLimit { get; set; } = TimeSpan.FromMinutes(60);

    /// <summary>The close code sent after the age-limit error (not documented upstream).</summary>
    public WebSocketCloseStatus AgeLimitCloseStatus { get; set; } = WebSocketCloseStatus.NormalClosure;

    /// <summary>The simulated compute; <see cref="EmulatorCostModel.Zero"/> times only the transport.</summary>
    public EmulatorCostModel CostModel { get; set; } = EmulatorCostModel.Default;

    /// <summary>Extra delay of a continuation hydrated from the persisted store (the slow path of a cache miss with <c>store=true</c>).</summary>
    public TimeSpan PersistedLookupDelay { get; set; } = TimeSpan.FromMilliseconds(25);

    /// <summary>Refuse every WebSocket upgrade with 426 Upgrade Required (HTTP mode keeps working), to test fallback.</summary>
    public bool RefuseWebSocketUpgrade { get; set; }

    /// <summary>Negotiate permessage-deflate when the client offers it.</summary>
    public bool EnablePerMessageDeflate { get; set; }

    /// <summary>Faults injected into every response (same syntax as <c>metadata.emulator_fault</c>).</summary>
    public string? DefaultFaults { get; set; }

    /// <summary>The largest client message accepted; a larger one gets an error and close code 1009.</summary>
    public int MaxMessageBytes { get; set; } = 16 * 1024 * 1024;

    /// <summary>Responses in flight at once on one connection, across <c>stream_id</c> lanes (16 upstream).</summary>
    public int MaxInFlightPerConnection { get; set; } = 16;

    /// <summary>Distinct named <c>stream_id</c> lanes per connection; the default lane is not counted (32 upstream).</summary>
    public int MaxNamedLanes { get; set; } = 32;

    /// <summary>How long a response with the <c>await_steer</c> fault holds for a steer before it ends as usual.</summary>
    public TimeSpan SteerHoldLimit { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Steers and injects one running response holds before it takes them; more are answered <c>too_many_pending_steers</c>.</summary>
    public int MaxPendingSteers { get; set; } = 8;

    /// <summary>The <c>model</c> reported when a request names none.</summary>
    public string DefaultModel { get; set; } = "emulator-coding-agent";

    /// <summary>The clock for <c>created_at</c>/<c>completed_at</c> (a fixed clock makes runs byte-identical).</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegative(Port);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(Port, 65535);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(ConnectionAgeLimit, TimeSpan.Zero);

        // The age timer is a Task.Delay, which cannot wait longer than about 49 days.
        ArgumentOutOfRangeException.ThrowIfGreaterThan(ConnectionAgeLimit, TimeSpan.FromDays(24));
        ArgumentOutOfRangeException.ThrowIfLessThan(PersistedLookupDelay, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxMessageBytes, 1024);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxInFlightPerConnection, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(MaxNamedLanes);
        ArgumentOutOfRangeException.ThrowIfLessThan(SteerHoldLimit, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(SteerHoldLimit, TimeSpan.FromDays(24));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxPendingSteers, 1);
        ArgumentNullException.ThrowIfNull(CostModel);
        ArgumentNullException.ThrowIfNull(TimeProvider);
        ArgumentException.ThrowIfNullOrEmpty(DefaultModel);
        if (!EmulatorFaults.TryParse(DefaultFaults, out _, out string? error))
        {
            throw new ArgumentException(error, nameof(DefaultFaults));
        }
    }
}
