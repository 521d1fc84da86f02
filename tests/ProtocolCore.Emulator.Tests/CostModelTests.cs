using System;
using System.Buffers;
using System.Text;
using System.Text.Json;

namespace ProtocolCore.Emulator.Tests;

public class CostModelTests
{
    [Fact]
    public void DescribesItself()
    {
        Assert.Equal("cost model: zero (no simulated compute)", EmulatorCostModel.Zero.ToString());
        Assert.Equal(
            "cost model: 30 ms per request + 10 µs per uncached input token + 2 ms per output token (1 token ≈ 4 bytes)",
            EmulatorCostModel.Default.ToString());

        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            EmulatorCostModel.Default.WriteJson(writer);
        }

        using JsonDocument json = JsonDocument.Parse(buffer.WrittenMemory);
        Assert.Equal(30, json.RootElement.GetProperty("per_request_overhead_ms").GetDouble());
        Assert.Equal(0.01, json.RootElement.GetProperty("prefill_ms_per_uncached_input_token").GetDouble());
        Assert.Equal(2, json.RootElement.GetProperty("ms_per_output_token").GetDouble());
    }

    [Fact]
    public void ConvertsTokensToTime()
    {
        var model = new EmulatorCostModel { PrefillPerUncachedInputToken = TimeSpan.FromMicroseconds(10), PerOutputToken = TimeSpan.FromMilliseconds(2) };
        Assert.Equal(TimeSpan.FromMilliseconds(10), model.Prefill(1000));
        Assert.Equal(TimeSpan.FromMilliseconds(20), model.Generate(10));
        Assert.Equal(TimeSpan.Zero, model.Prefill(-5));
        Assert.Equal(3, EmulatorCostModel.EstimateTokens(Encoding.UTF8.GetByteCount("123456789")));
        Assert.False(model.IsZero);
        Assert.True(EmulatorCostModel.Zero.IsZero);
    }
}
