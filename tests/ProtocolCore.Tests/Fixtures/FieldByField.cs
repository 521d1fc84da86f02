using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;

namespace ProtocolCore.Tests.Fixtures;

/// <summary>
/// Compares two decoded values member by member (every public property, through lists and nested objects), so a view
/// decode that left a value of an earlier event in a reused object shows as the member that differs, not just as
/// different JSON. Value types (<c>Utf8Text</c>, <c>RawJson</c>, <c>StringEnum</c>, <c>JsonExtensionData</c>, numbers)
/// compare with their own <see cref="object.Equals(object)"/>, which compares bytes or values.
/// </summary>
internal static class FieldByField
{
    private static readonly Dictionary<Type, PropertyInfo[]> s_properties = [];

    /// <summary>The first few differences between <paramref name="expected"/> and <paramref name="actual"/>, by path.</summary>
    public static List<string> Differences(object? expected, object? actual, string path = "$")
    {
        var differences = new List<string>();
        Compare(expected, actual, path, differences);
        return differences;
    }

    private static void Compare(object? expected, object? actual, string path, List<string> differences)
    {
        if (differences.Count >= 10 || (expected is null && actual is null))
        {
            return;
        }

        if (expected is null || actual is null)
        {
            differences.Add($"{path}: {Show(expected)} vs {Show(actual)}");
            return;
        }

        Type type = expected.GetType();
        if (type != actual.GetType())
        {
            differences.Add($"{path}: {type.Name} vs {actual.GetType().Name}");
            return;
        }

        if (type.IsValueType || type == typeof(string))
        {
            if (!expected.Equals(actual))
            {
                differences.Add($"{path}: {Show(expected)} vs {Show(actual)}");
            }

            return;
        }

        if (expected is IDictionary expectedMap)
        {
            var actualMap = (IDictionary)actual;
            if (expectedMap.Count != actualMap.Count)
            {
                differences.Add($"{path}: {expectedMap.Count} entries vs {actualMap.Count}");
                return;
            }

            foreach (DictionaryEntry entry in expectedMap)
            {
                Compare(entry.Value, actualMap.Contains(entry.Key) ? actualMap[entry.Key] : null, $"{path}[{entry.Key}]", differences);
            }

            return;
        }

        if (expected is IList expectedList)
        {
            var actualList = (IList)actual;
            if (expectedList.Count != actualList.Count)
            {
                differences.Add($"{path}: {expectedList.Count} elements vs {actualList.Count}");
                return;
            }

            for (int i = 0; i < expectedList.Count; i++)
            {
                Compare(expectedList[i], actualList[i], $"{path}[{i}]", differences);
            }

            return;
        }

        foreach (PropertyInfo property in PropertiesOf(type))
        {
            Compare(property.GetValue(expected), property.GetValue(actual), path + "." + property.Name, differences);
        }
    }

    private static PropertyInfo[] PropertiesOf(Type type)
    {
        lock (s_properties)
        {
            if (!s_properties.TryGetValue(type, out PropertyInfo[]? properties))
            {
                properties = type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                    .Where(p => p.CanRead && p.GetIndexParameters().Length == 0)
                    .ToArray();
                s_properties[type] = properties;
            }

            return properties;
        }
    }

    private static string Show(object? value) => value switch
    {
        null => "null",
        string s => '"' + (s.Length > 60 ? s[..60] + "..." : s) + '"',
        _ => value.ToString() is { Length: > 60 } text ? text[..60] + "..." : value.ToString() ?? string.Empty,
    };
}
