using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;

namespace ProtocolCore.Tests.Fixtures;

/// <summary>
/// Structural JSON equality: the same member set with equal values (member order ignored), arrays in order, numbers by
/// value (<c>1</c> equals <c>1.0</c>), strings after unescaping. Reports the path of the first difference.
/// </summary>
internal static class JsonDeepEqual
{
    public static bool Equal(ReadOnlySpan<byte> expected, ReadOnlySpan<byte> actual, out string difference)
    {
        using JsonDocument left = JsonDocument.Parse(expected.ToArray());
        using JsonDocument right = JsonDocument.Parse(actual.ToArray());
        difference = Compare(left.RootElement, right.RootElement, "$") ?? string.Empty;
        return difference.Length == 0;
    }

    private static string? Compare(JsonElement expected, JsonElement actual, string path)
    {
        if (expected.ValueKind != actual.ValueKind)
        {
            return $"{path}: expected {expected.ValueKind} {Short(expected)}, found {actual.ValueKind} {Short(actual)}";
        }

        switch (expected.ValueKind)
        {
            case JsonValueKind.Object:
            {
                var expectedMembers = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
                foreach (JsonProperty p in expected.EnumerateObject())
                {
                    expectedMembers[p.Name] = p.Value;
                }

                var actualMembers = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
                foreach (JsonProperty p in actual.EnumerateObject())
                {
                    if (!actualMembers.TryAdd(p.Name, p.Value))
                    {
                        return $"{path}: member '{p.Name}' written twice";
                    }
                }

                foreach (string name in expectedMembers.Keys.Where(k => !actualMembers.ContainsKey(k)))
                {
                    return $"{path}: member '{name}' is missing";
                }

                foreach (string name in actualMembers.Keys.Where(k => !expectedMembers.ContainsKey(k)))
                {
                    return $"{path}: unexpected member '{name}'";
                }

                foreach (KeyValuePair<string, JsonElement> member in expectedMembers)
                {
                    string? inner = Compare(member.Value, actualMembers[member.Key], path + "." + member.Key);
                    if (inner is not null)
                    {
                        return inner;
                    }
                }

                return null;
            }

            case JsonValueKind.Array:
            {
                int expectedLength = expected.GetArrayLength();
                int actualLength = actual.GetArrayLength();
                if (expectedLength != actualLength)
                {
                    return $"{path}: expected {expectedLength} elements, found {actualLength}";
                }

                for (int i = 0; i < expectedLength; i++)
                {
                    string? inner = Compare(expected[i], actual[i], path + "[" + i.ToString(CultureInfo.InvariantCulture) + "]");
                    if (inner is not null)
                    {
                        return inner;
                    }
                }

                return null;
            }

            case JsonValueKind.String:
                return string.Equals(expected.GetString(), actual.GetString(), StringComparison.Ordinal)
                    ? null
                    : $"{path}: expected {Short(expected)}, found {Short(actual)}";
            case JsonValueKind.Number:
                return NumbersEqual(expected, actual) ? null : $"{path}: expected {expected.GetRawText()}, found {actual.GetRawText()}";
            default:
                return null;
        }
    }

    private static bool NumbersEqual(JsonElement expected, JsonElement actual)
    {
        if (expected.TryGetDecimal(out decimal a) && actual.TryGetDecimal(out decimal b))
        {
            return a == b;
        }

        return expected.GetDouble().Equals(actual.GetDouble());
    }

    private static string Short(JsonElement element)
    {
        string text = element.GetRawText();
        return text.Length <= 80 ? text : text[..80] + "...";
    }
}
