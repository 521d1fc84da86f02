using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace ProtocolCore.Client;

/// <summary>
/// The client's <see cref="ActivitySource"/> (one activity per turn) and <see cref="Meter"/>, both named
/// <c>ProtocolCore.Client</c>. Listeners subscribe by name; nothing is recorded when nobody listens.
/// </summary>
public static class ResponsesClientDiagnostics
{
    /// <summary>The name of the activity source and the meter.</summary>
    public const string Name = "ProtocolCore.Client";

    /// <summary>
    /// The source of the per-turn activities (named <see cref="Name"/>); add an <see cref="ActivityListener"/> or an
    /// OpenTelemetry tracer for that name to record them.
    /// </summary>
    public static ActivitySource ActivitySource { get; } = new(Name);

    internal static Meter Meter { get; } = new(Name);

    internal static Counter<long> Connects { get; } = Meter.CreateCounter<long>("protocolcore.client.connects", description: "WebSocket connections opened.");

    internal static Counter<long> Reuses { get; } = Meter.CreateCounter<long>("protocolcore.client.reuses", description: "Turns sent on an already open connection.");

    internal static Counter<long> Reconnects { get; } = Meter.CreateCounter<long>("protocolcore.client.reconnects", description: "Connections replaced after a close, a limit or a rotation.");

    internal static Counter<long> BytesSent { get; } = Meter.CreateCounter<long>("protocolcore.client.bytes_sent", unit: "By", description: "Request payload bytes sent.");

    internal static Counter<long> BytesReceived { get; } = Meter.CreateCounter<long>("protocolcore.client.bytes_received", unit: "By", description: "Event payload bytes received.");

    internal static Histogram<double> TimeToFirstEvent { get; } = Meter.CreateHistogram<double>("protocolcore.client.time_to_first_event", unit: "ms", description: "From sending a request to its first event.");
}
