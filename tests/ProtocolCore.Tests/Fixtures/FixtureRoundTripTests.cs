using System;
using System.Buffers;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using ProtocolCore.Events;
using ProtocolCore.Json;
using Xunit;

namespace ProtocolCore.Tests.Fixtures;

/// <summary>
/// Every recorded event decodes into its model (not <see cref="UnknownEvent"/> when the type is known) and encodes back to
/// the same JSON, through the owned path, the reused view path and segmented input.
/// </summary>
public class FixtureRoundTripTests
{
    private const int MaxReported = 25;

    public static IEnumerable<object[]> Files => FixtureFiles.All().Select(f => new object[] { f });

    public static IEnumerable<object[]> FilesAndFactories =>
        from f in FixtureFiles.All()
        from factory in ReadOnlySequenceFactory.Standard
        select new object[] { f, factory[0] };

    [Fact]
    public void FixturesArePresent()
    {
        IReadOnlyList<string> files = FixtureFiles.All();

        Assert.Contains(files, f => !f.Contains('/', StringComparison.Ordinal));
        Assert.Contains(files, f => f.StartsWith("third-party/", StringComparison.Ordinal));
    }

    [Fact]
    public void EveryCatalogueTypeIsModelled()
    {
        string[] missing = FixtureFiles.SpecEventTypes().Where(t => !ResponsesEvent.KnownDiscriminators.Contains(t)).ToArray();

        Assert.True(missing.Length == 0, "Not modelled: " + string.Join(", ", missing));
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void RoundTrips(string file)
    {
        var failures = new List<string>();
        using var reader = new ResponsesEventReader();
        int count = 0;
        foreach ((int line, byte[] json) in FixtureFiles.Lines(file))
        {
            count++;
            string where = $"{file}:{line}";
            string type = TypeOf(json);
            try
            {
                ResponsesEvent owned = ResponsesEventReader.Parse(json);
                CheckEvent(owned, type, json, where + " (owned)", failures);

                ResponsesEvent view = reader.Read(json.AsMemory());
                CheckEvent(view, type, json, where + " (view)", failures);
            }
            catch (ProtocolJsonException e)
            {
                failures.Add($"{where}: {type}: {e.Message}");
            }
        }

        Assert.True(count > 0, file + " has no events.");
        Assert.True(failures.Count == 0, Report(failures));
    }

    [Theory]
    [MemberData(nameof(FilesAndFactories))]
    public void RoundTripsFromSegments(string file, string factory)
    {
        // Per file, the first lines and the first event of every type: segmenting every byte of every large response
        // event would make the suite slow without covering more code.
        var failures = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        using var reader = new ResponsesEventReader();
        foreach ((int line, byte[] json) in FixtureFiles.Lines(file))
        {
            string type = TypeOf(json);
            if (line > 20 && !seen.Add(type))
            {
                continue;
            }

            seen.Add(type);
            string where = $"{file}:{line} ({factory})";
            try
            {
                ReadOnlySequence<byte> input = ReadOnlySequenceFactory.ByName(factory).Create(json);
                CheckEvent(reader.Read(input), type, json, where, failures);
            }
            catch (ProtocolJsonException e)
            {
                failures.Add($"{where}: {type}: {e.Message}");
            }
        }

        Assert.True(failures.Count == 0, Report(failures));
    }

    private static void CheckEvent(ResponsesEvent e, string type, byte[] original, string where, List<string> failures)
    {
        if (e is UnknownEvent && ResponsesEvent.KnownDiscriminators.Contains(type))
        {
            failures.Add($"{where}: known type {type} decoded as UnknownEvent");
            return;
        }

        if (e.Type != type)
        {
            failures.Add($"{where}: Type is '{e.Type}', expected '{type}'");
        }

        byte[] written = ResponsesEventJson.ToUtf8Bytes(e);
        if (!JsonDeepEqual.Equal(original, written, out string difference))
        {
            failures.Add($"{where}: {type}: {difference}");
        }
    }

    private static string TypeOf(byte[] json)
    {
        using JsonDocument document = JsonDocument.Parse(json);
        return document.RootElement.TryGetProperty("type", out JsonElement type) ? type.GetString() ?? string.Empty : string.Empty;
    }

    private static string Report(List<string> failures) =>
        $"{failures.Count} failure(s):\n" + string.Join("\n", failures.Take(MaxReported));
}
