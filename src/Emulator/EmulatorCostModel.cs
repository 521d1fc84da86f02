using System;
using System.Globalization;
using System.Text.Json;

namespace ProtocolCore.Emulator;

/// <summary>
/// The simulated compute of the scripted model, applied as delays: a fixed overhead per request, prefill time per
/// uncached input token and generation time per output token. Token counts are estimated as one token per
/// <see cref="BytesPerToken"/> bytes of UTF-8 JSON. Every figure the emulator helps to produce should be printed with
/// the cost model that was in force, so nobody mistakes a simulated delay for a measured one.
/// </summary>
public sealed record EmulatorCostModel
{
    /// <summary>The estimate used to turn bytes into tokens.</summary>
    public const int BytesPerToken = 4;

    /// <summary>No simulated compute at all: only the transport and the clients are timed.</summary>
    public static EmulatorCostModel Zero { get; } = new()
    {
        PerRequestOverhead = TimeSpan.Zero,
        PrefillPerUncachedInputToken = TimeSpan.Zero,
        PerOutputToken = TimeSpan.Zero,
    };

    /// <summary>A small model on a fast engine: 30 ms per request, 100k uncached input tokens/s, 500 output tokens/s.</summary>
    public static EmulatorCostModel Default { get; } = new()
    {
        PerRequestOverhead = TimeSpan.FromMilliseconds(30),
        PrefillPerUncachedInputToken = TimeSpan.FromTicks(100), // 10 µs
        PerOutputToken = TimeSpan.FromMilliseconds(2),
    };

    /// <summary>Paid once per <c>response.create</c>, before <c>response.created</c>.</summary>
    public TimeSpan PerRequestOverhead { get; init; }

    /// <summary>Paid per input token that was not in the connection-local cache, before the first output item.</summary>
    public TimeSpan PrefillPerUncachedInputToken { get; init; }

    /// <summary>Paid per output token (reasoning, arguments, text) as the deltas are streamed.</summary>
    public TimeSpan PerOutputToken { get; init; }

    /// <summary>True when the model simulates no compute at all (every cost is zero).</summary>
    public bool IsZero => PerRequestOverhead <= TimeSpan.Zero && PrefillPerUncachedInputToken <= TimeSpan.Zero && PerOutputToken <= TimeSpan.Zero;

    /// <summary>Estimated tokens of <paramref name="byteCount"/> UTF-8 bytes (rounded up).</summary>
    public static int EstimateTokens(long byteCount) => (int)Math.Min(int.MaxValue, (byteCount + BytesPerToken - 1) / BytesPerToken);

    /// <summary>The simulated prefill time of <paramref name="uncachedTokens"/> input tokens the cache did not hold.</summary>
    public TimeSpan Prefill(int uncachedTokens) => PrefillPerUncachedInputToken * Math.Max(0, uncachedTokens);

    /// <summary>The simulated time to generate <paramref name="outputTokens"/> output tokens.</summary>
    public TimeSpan Generate(int outputTokens) => PerOutputToken * Math.Max(0, outputTokens);

    /// <summary>Writes the model as a JSON object (milliseconds as numbers), for machine-readable reports.</summary>
    public void WriteJson(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartObject();
        writer.WriteNumber("per_request_overhead_ms"u8, PerRequestOverhead.TotalMilliseconds);
        writer.WriteNumber("prefill_ms_per_uncached_input_token"u8, PrefillPerUncachedInputToken.TotalMilliseconds);
        writer.WriteNumber("ms_per_output_token"u8, PerOutputToken.TotalMilliseconds);
        writer.WriteNumber("bytes_per_token"u8, BytesPerToken);
        writer.WriteEndObject();
    }

    /// <summary>One line describing the model, for printing beside results.</summary>
    public override string ToString()
    {
        if (IsZero)
        {
            return "cost model: zero (no simulated compute)";
        }

        return string.Create(
            CultureInfo.InvariantCulture,
            $"cost model: {Format(PerRequestOverhead)} per request + {Format(PrefillPerUncachedInputToken)} per uncached input token + {Format(PerOutputToken)} per output token (1 token ≈ {BytesPerToken} bytes)");
    }

    private static string Format(TimeSpan value) =>
        value.Ticks % TimeSpan.TicksPerMillisecond == 0
            ? string.Create(CultureInfo.InvariantCulture, $"{value.TotalMilliseconds:0} ms")
            : string.Create(CultureInfo.InvariantCulture, $"{value.TotalMicroseconds:0.###} µs");
}
