using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using System.Text.Json;
using ProtocolCore.Events;
using ProtocolCore.Json;
using ProtocolCore.Models;
using ProtocolCore.Tests.Fixtures;
using Xunit;

namespace ProtocolCore.Tests.Events;

/// <summary>
/// The hot path: decoding delta events and flat events (no nested objects) into a reused reader allocates nothing, with
/// every member present, escaped strings included.
/// </summary>
public class AllocationTests
{
    private const int Iterations = 10_000;

    private static readonly Type[] s_flatMemberTypes =
    [
        typeof(int?), typeof(long?), typeof(double?), typeof(bool?), typeof(Utf8Text?), typeof(List<LogProb>),
    ];

    private static readonly Lazy<HashSet<string>> s_recordedTypes = new(() =>
        FixtureFiles.All().SelectMany(FixtureFiles.Lines).Select(l => TypeOf(l.Json)).ToHashSet(StringComparer.Ordinal));

    /// <summary>Every event class that is a <c>*.delta</c> or has only scalar members, by its <c>"type"</c>.</summary>
    public static IEnumerable<object[]> HotEventTypes =>
        EventClasses()
            .Where(t => Discriminator(t).EndsWith(".delta", StringComparison.Ordinal) || Members(t).All(p => s_flatMemberTypes.Contains(p.PropertyType)))
            .Select(t => new object[] { Discriminator(t) });

    [Fact]
    public void CoversTheDeltaEvents()
    {
        string[] types = HotEventTypes.Select(o => (string)o[0]).ToArray();

        Assert.Contains("response.output_text.delta", types);
        Assert.Contains("response.shell_call_output_content.delta", types);
        Assert.Contains("response.function_call_arguments.done", types);
        Assert.DoesNotContain("response.completed", types);
        Assert.True(types.Length >= 45, $"Only {types.Length} hot event types.");
    }

    [Theory]
    [MemberData(nameof(HotEventTypes))]
    public void SynthesizedEventDecodesWithoutAllocating(string type)
    {
        byte[] json = Synthesize(EventClasses().Single(t => Discriminator(t) == type));

        AssertNoAllocation(type, json);
    }

    [Theory]
    [MemberData(nameof(HotEventTypes))]
    public void RecordedEventDecodesWithoutAllocating(string type)
    {
        // The first recorded sample whose arrays are empty (non-empty logprobs are objects and do allocate).
        byte[]? json = FixtureFiles.All()
            .SelectMany(FixtureFiles.Lines)
            .Select(l => l.Json)
            .FirstOrDefault(j => IsSample(j, type));
        if (json is null)
        {
            // Not in the recordings (audio, refusal, inject...): the synthesized test covers it.
            Assert.DoesNotContain(type, s_recordedTypes.Value);
            return;
        }

        AssertNoAllocation(type, json);
    }

    private static void AssertNoAllocation(string type, byte[] json)
    {
        using var reader = new ResponsesEventReader();
        ReadOnlyMemory<byte> memory = json;
        ResponsesEvent first = reader.Read(memory);
        Assert.Equal(type, first.Type);
        Assert.IsNotType<UnknownEvent>(first);
        for (int i = 0; i < 100; i++)
        {
            reader.Read(memory);
        }

        // Steady state is what counts: tiering and OSR can allocate once while the measured code is recompiled, so a
        // round that allocates is retried. A real per-decode allocation shows in every round (10,000 × at least 24 bytes).
        var rounds = new List<long>();
        for (int round = 0; round < 5; round++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < Iterations; i++)
            {
                reader.Read(memory);
            }

            rounds.Add(GC.GetAllocatedBytesForCurrentThread() - before);
            if (rounds[^1] == 0)
            {
                return;
            }
        }

        Assert.Fail($"{type}: {string.Join(", ", rounds)} bytes in rounds of {Iterations} reads of {System.Text.Encoding.UTF8.GetString(json)}");
    }

    private static bool IsSample(byte[] json, string type)
    {
        using JsonDocument document = JsonDocument.Parse(json);
        JsonElement root = document.RootElement;
        return root.TryGetProperty("type", out JsonElement t) && t.GetString() == type
            && root.EnumerateObject().All(p => p.Value.ValueKind != JsonValueKind.Array || p.Value.GetArrayLength() == 0);
    }

    private static string TypeOf(byte[] json)
    {
        using JsonDocument document = JsonDocument.Parse(json);
        return document.RootElement.TryGetProperty("type", out JsonElement t) ? t.GetString() ?? string.Empty : string.Empty;
    }

    /// <summary>An instance with every member set (strings with escapes), written by the model's own writer.</summary>
    private static byte[] Synthesize(Type eventType)
    {
        var e = (ResponsesEvent)Activator.CreateInstance(eventType)!;
        e.SequenceNumber = 42;
        e.StreamId = Utf8Text.FromString("lane-1");
        foreach (PropertyInfo property in Members(eventType))
        {
            property.SetValue(e, SampleValue(property.PropertyType));
        }

        return ResponsesEventJson.ToUtf8Bytes(e);
    }

    private static object SampleValue(Type type)
    {
        if (type == typeof(int?) || type == typeof(long?))
        {
            return Convert.ChangeType(3, Nullable.GetUnderlyingType(type)!, System.Globalization.CultureInfo.InvariantCulture);
        }

        if (type == typeof(double?))
        {
            return 0.5;
        }

        if (type == typeof(bool?))
        {
            return true;
        }

        if (type == typeof(Utf8Text?))
        {
            return Utf8Text.FromString("a \"quoted\" line\nwith é and 🙂");
        }

        if (type == typeof(List<LogProb>))
        {
            return new List<LogProb>();
        }

        if (type == typeof(ShellCallOutputDelta))
        {
            return new ShellCallOutputDelta { Stdout = Utf8Text.FromString("out\n"), Stderr = Utf8Text.FromString("err") };
        }

        throw new NotSupportedException($"No sample for {type}; extend {nameof(SampleValue)}.");
    }

    private static IEnumerable<Type> EventClasses() =>
        typeof(ResponsesEvent).Assembly.GetTypes()
            .Where(t => t.IsSubclassOf(typeof(ResponsesEvent)) && !t.IsAbstract && t != typeof(UnknownEvent));

    private static IEnumerable<PropertyInfo> Members(Type eventType) =>
        eventType.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanWrite && p.SetMethod!.IsPublic && p.DeclaringType != typeof(ResponsesEvent));

    private static string Discriminator(Type eventType) =>
        (string)eventType.GetField("JsonDiscriminator", BindingFlags.Public | BindingFlags.Static)!.GetValue(null)!;
}
