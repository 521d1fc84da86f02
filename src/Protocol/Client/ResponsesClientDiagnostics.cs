using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace ProtocolCore.Client;

/// <summary>
/// The client's <see cref="ActivitySource"/> and <see cref="Meter"/>, both named <c>ProtocolCore.Client</c>. Each turn
/// of a <see cref="ResponsesSession"/> is a span of kind Client (<c>chat {model}</c>) and each tool call a
/// <see cref="ToolLoop"/> runs an <c>execute_tool {name}</c> span, with the attributes of the OpenTelemetry semantic
/// conventions for generative AI; the metrics are the convention's (<c>gen_ai.client.*</c>) beside the client's own
/// (<c>protocolcore.client.*</c>). Listeners subscribe by name (for OpenTelemetry: <c>AddSource(ActivitySourceName)</c>,
/// <c>AddMeter(MeterName)</c>); nothing is recorded when nobody listens. Message content and credentials are never
/// recorded. docs/telemetry.md lists every span, attribute and metric.
/// </summary>
public static class ResponsesClientDiagnostics
{
    /// <summary>The name of the <see cref="ActivitySource"/>: <c>ProtocolCore.Client</c>.</summary>
    public const string ActivitySourceName = "ProtocolCore.Client";

    /// <summary>The name of the <see cref="Meter"/>: <c>ProtocolCore.Client</c>.</summary>
    public const string MeterName = "ProtocolCore.Client";

    /// <summary>The name of the activity source and the meter (the same as <see cref="ActivitySourceName"/> and <see cref="MeterName"/>).</summary>
    public const string Name = ActivitySourceName;

    /// <summary>The source of the turn and tool-call spans.</summary>
    public static ActivitySource ActivitySource { get; } = new(ActivitySourceName);

    internal static Meter Meter { get; } = new(MeterName);

    internal static Counter<long> Connects { get; } = Meter.CreateCounter<long>("protocolcore.client.connects", description: "WebSocket connections opened.");

    internal static Counter<long> Reuses { get; } = Meter.CreateCounter<long>("protocolcore.client.reuses", description: "Turns sent on an already open connection.");

    internal static Counter<long> Reconnects { get; } = Meter.CreateCounter<long>("protocolcore.client.reconnects", description: "Connections replaced after a close, a limit or a rotation.");

    internal static Counter<long> BytesSent { get; } = Meter.CreateCounter<long>("protocolcore.client.bytes_sent", unit: "By", description: "Request payload bytes sent.");

    internal static Counter<long> BytesReceived { get; } = Meter.CreateCounter<long>("protocolcore.client.bytes_received", unit: "By", description: "Event payload bytes received.");

    internal static Histogram<double> TimeToFirstEvent { get; } = Meter.CreateHistogram(
        "protocolcore.client.time_to_first_event", unit: "s", description: "From sending a request to its first event.", tags: null,
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = GenAIConventions.SecondsBuckets });

    internal static Histogram<double> OperationDuration { get; } = Meter.CreateHistogram(
        GenAIConventions.OperationDurationMetric, unit: "s", description: "GenAI operation duration.", tags: null,
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = GenAIConventions.SecondsBuckets });

    internal static Histogram<int> TokenUsage { get; } = Meter.CreateHistogram(
        GenAIConventions.TokenUsageMetric, unit: "{token}", description: "Number of input and output tokens used.", tags: null,
        advice: new InstrumentAdvice<int> { HistogramBucketBoundaries = GenAIConventions.TokenBuckets });

    internal static Histogram<double> TimeToFirstChunk { get; } = Meter.CreateHistogram(
        GenAIConventions.TimeToFirstChunkMetric, unit: "s", description: "Time to receive the first chunk (event) of a streaming response, from sending the request.", tags: null,
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = GenAIConventions.SecondsBuckets });
}
