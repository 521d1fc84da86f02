using System;
using System.Linq;
using System.Text.Json;

namespace ProtocolCore.Native;

/// <summary>
/// Reads an options object given to the C ABI against its list of <see cref="NativeOption"/>s: one parser for every
/// options object, so each states only its members. Unknown members are rejected so a typo is not silently ignored;
/// a member given twice takes the later value. Messages name the member and the accepted values, never the value
/// given (it may be a secret pasted into the wrong field).
/// </summary>
internal static class NativeOptionsReader
{
    /// <summary>
    /// Reads <paramref name="utf8Json"/> (empty means no options) into <paramref name="values"/>, one per option in
    /// <paramref name="options"/> order: the integer, 1 or 0 for a boolean, the index of a choice; null when absent.
    /// </summary>
    /// <param name="what">The object's name in messages: "codec" gives "codec options must be a JSON object".</param>
    /// <exception cref="PcException">Not a JSON object of the given members (<see cref="PcStatus.InvalidArgument"/>).</exception>
    public static void Read(ReadOnlySpan<byte> utf8Json, string what, NativeOption[] options, Span<int?> values)
    {
        values.Clear();
        if (utf8Json.IsEmpty)
        {
            return;
        }

        try
        {
            var reader = new Utf8JsonReader(utf8Json);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                throw Invalid($"{what} options must be a JSON object");
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                int index = Find(ref reader, options);
                if (index < 0)
                {
                    throw Invalid($"unknown {what} option '{reader.GetString()}' (expected {string.Join(", ", options.Select(o => o.Name))})");
                }

                reader.Read();
                values[index] = ReadValue(ref reader, options[index]);
            }

            // Reads past the end object, so trailing data fails here.
            while (reader.Read())
            {
            }
        }
        catch (JsonException e)
        {
            throw Invalid($"{what} options are not valid JSON: {e.Message}");
        }
    }

    private static int Find(ref Utf8JsonReader reader, NativeOption[] options)
    {
        for (int i = 0; i < options.Length; i++)
        {
            if (reader.ValueTextEquals(options[i].Name))
            {
                return i;
            }
        }

        return -1;
    }

    private static int ReadValue(ref Utf8JsonReader reader, NativeOption option)
    {
        switch (option.Kind)
        {
            case NativeOptionKind.Integer:
                if (reader.TokenType != JsonTokenType.Number || !reader.TryGetInt32(out int value) || value < option.Min || value > option.Max)
                {
                    throw Invalid($"{option.Name} must be an integer from {option.Min} to {option.Max}");
                }

                return value;
            case NativeOptionKind.Boolean:
                return reader.TokenType switch
                {
                    JsonTokenType.True => 1,
                    JsonTokenType.False => 0,
                    _ => throw Invalid($"{option.Name} must be true or false"),
                };
            default:
                for (int i = 0; reader.TokenType == JsonTokenType.String && i < option.Choices.Length; i++)
                {
                    if (reader.ValueTextEquals(option.Choices[i]))
                    {
                        return i;
                    }
                }

                throw Invalid($"{option.Name} must be {ChoiceList(option.Choices)}");
        }
    }

    // "\"websocket\" or \"http\"": the choices quoted, the last after "or".
    private static string ChoiceList(string[] choices) =>
        choices.Length == 1
            ? $"\"{choices[0]}\""
            : $"{string.Join(", ", choices[..^1].Select(c => $"\"{c}\""))} or \"{choices[^1]}\"";

    private static PcException Invalid(string message) => new(PcStatus.InvalidArgument, message);
}
