using System.Globalization;
using System.Text.Json;

namespace ProtocolCore.Scale.Runner;

/// <summary>One client process's <c>RESULT</c> line, plus what the server counted while it ran.</summary>
internal sealed class ModeResult
{
    private readonly JsonElement _json;

    public ModeResult(JsonElement json) => _json = json;

    public string Mode => _json.GetProperty("mode").GetString()!;

    public int Sessions => _json.GetProperty("sessions").GetInt32();

    public long Expected => _json.GetProperty("expected_events").GetInt64();

    public long Received => _json.GetProperty("received_events").GetInt64();

    public long Lost => _json.GetProperty("lost_events").GetInt64();

    public int FailedSessions => _json.GetProperty("failed_sessions").GetInt32();

    public bool DeltaBytesIntact => _json.GetProperty("delta_bytes_intact").GetBoolean();

    /// <summary>Events the server sent during this client's run.</summary>
    public long ServerEvents { get; set; }

    /// <summary>Requests whose <c>previous_response_id</c> was not the connection's last response.</summary>
    public long ChainMisses { get; set; }

    public bool Passed => Lost == 0 && FailedSessions == 0 && DeltaBytesIntact && ServerEvents == Received;

    public double this[string name] => _json.GetProperty(name).ValueKind == JsonValueKind.Number ? _json.GetProperty(name).GetDouble() : double.NaN;

    public string Failures => string.Join("; ", _json.GetProperty("failures").EnumerateArray());

    public string ProgressLine() => string.Create(CultureInfo.InvariantCulture,
        $"N={Sessions} {Mode}: {Received}/{Expected} events, lost {Lost}, server sent {ServerEvents}, chain misses {ChainMisses}, {this["cpu_us_per_event"]:0.0} µs CPU/event, {this["alloc_bytes_per_event"]:0} B/event, {this["work_items_per_event"]:0.00} pool work items/event, lag p99 {this["lag_p99_ms"]:0.00} ms{(Passed ? "" : " FAILED " + Failures)}");
}
