using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using ProtocolCore.Json;
using ProtocolCore.Tests.Fixtures;

namespace ProtocolCore.Tests.Json;

/// <summary>
/// <see cref="JsonScanner.TryReadStringPropertyValue"/> and <see cref="JsonScanner.TryReadEndObject"/>, the generated
/// readers' fast paths for a string value and the closing brace: each must either move exactly as
/// <see cref="JsonScanner.Read"/> would, or not move at all.
/// </summary>
public class JsonScannerValueFastPathTests
{
    private static string Token(in JsonScanner scanner) =>
        $"{scanner.TokenType}:{Encoding.UTF8.GetString(scanner.ValueSpan)}:{scanner.ValueIsEscaped}@{scanner.TokenStartIndex}/{scanner.BytesConsumed}/{scanner.CurrentDepth}";

    private static byte[] Expected(string name) => Encoding.UTF8.GetBytes("\"" + name + "\":");

    [Theory]
    [InlineData("\"x\"", false)]
    [InlineData("\"\"", false)]
    [InlineData("\"a longer value than one vector of thirty-two bytes\"", false)]
    [InlineData("\"a\\\"b\\\\c\\u00e9\"", true)]
    public void ReadsAStringAsReadWould(string value, bool escaped)
    {
        byte[] json = Encoding.UTF8.GetBytes("{\"a\":" + value + ",\"b\":" + value + "}");
        var viaRead = new JsonScanner(json);
        var viaFastPath = new JsonScanner(json);
        viaRead.Read();
        viaRead.Read();
        viaRead.Read();
        viaFastPath.Read();
        Assert.True(viaFastPath.TryReadPropertyName(Expected("a")));

        Assert.True(viaFastPath.TryReadStringPropertyValue());

        Assert.Equal(Token(viaRead), Token(viaFastPath));
        Assert.Equal(escaped, viaFastPath.ValueIsEscaped);
        Assert.Equal(viaRead.GetString(), viaFastPath.GetString());

        // And before the closing brace, which the other fast path then reads.
        viaRead.Read();
        viaRead.Read();
        Assert.True(viaFastPath.TryReadPropertyName(Expected("b")));
        Assert.True(viaFastPath.TryReadStringPropertyValue());
        Assert.Equal(Token(viaRead), Token(viaFastPath));
        Assert.True(viaRead.Read());
        Assert.True(viaFastPath.TryReadEndObject());
        Assert.Equal(Token(viaRead), Token(viaFastPath));
        Assert.False(viaRead.Read());
        Assert.False(viaFastPath.Read());
    }

    [Theory]
    [InlineData(" \"x\"}")] // whitespace after the colon
    [InlineData("null}")]
    [InlineData("1}")]
    [InlineData("[\"x\"]}")]
    [InlineData("")] // truncated after the colon
    public void LeavesEveryOtherValueToTheGeneralPath(string rest)
    {
        byte[] json = Encoding.UTF8.GetBytes("{\"a\":" + rest);
        var scanner = new JsonScanner(json);
        scanner.Read();
        Assert.True(scanner.TryReadPropertyName(Expected("a")));
        string before = Token(scanner);

        Assert.False(scanner.TryReadStringPropertyValue());

        Assert.Equal(before, Token(scanner));
    }

    [Fact]
    public void ReadsNoStringUnlessOnAPropertyNameBeforeItsColon()
    {
        byte[] json = """{"a":["x","y"],"b" :"z"}"""u8.ToArray();
        var scanner = new JsonScanner(json);
        scanner.Read();
        Assert.False(scanner.TryReadStringPropertyValue()); // on {
        scanner.Read();
        scanner.Read();
        Assert.False(scanner.TryReadStringPropertyValue()); // on [
        scanner.Read();
        Assert.False(scanner.TryReadStringPropertyValue()); // on "x" inside the array
        Assert.Equal(JsonTokenType.String, scanner.TokenType);
        scanner.Read();
        scanner.Read();
        scanner.Read();
        Assert.Equal(JsonTokenType.PropertyName, scanner.TokenType);
        Assert.False(scanner.TryReadStringPropertyValue()); // whitespace before the colon
    }

    [Theory]
    [InlineData("\"unterminated")]
    [InlineData("\"bad \\x escape\"")]
    [InlineData("\"raw \n control\"")]
    public void RejectsAMalformedStringAsReadWould(string value)
    {
        byte[] json = Encoding.UTF8.GetBytes("{\"a\":" + value + "}");

        Assert.Throws<ProtocolJsonException>(() =>
        {
            var scanner = new JsonScanner(json);
            scanner.Read();
            scanner.TryReadPropertyName(Expected("a"));
            scanner.TryReadStringPropertyValue();
        });
        Assert.Throws<ProtocolJsonException>(() =>
        {
            var scanner = new JsonScanner(json);
            while (scanner.Read())
            {
            }
        });
    }

    [Theory]
    [InlineData("""{"a":1 }""")] // whitespace before the brace
    [InlineData("""{"a":1,}""")] // a comma
    [InlineData("""{"a":[1}}""")] // a brace that closes no object: inside an array (the scanner is on 1)
    public void EndsNoObjectUnlessTheBraceFollowsDirectly(string text)
    {
        byte[] json = Encoding.UTF8.GetBytes(text);
        var scanner = new JsonScanner(json);
        scanner.Read();
        scanner.Read();
        scanner.Read();
        if (scanner.TokenType == JsonTokenType.StartArray)
        {
            scanner.Read();
        }

        string before = Token(scanner);

        Assert.False(scanner.TryReadEndObject());

        Assert.Equal(before, Token(scanner));
    }

    [Fact]
    public void EndsAnEmptyObjectAndOneAfterAContainerValue()
    {
        byte[] json = """{"a":{},"b":[1]}"""u8.ToArray();
        var viaRead = new JsonScanner(json);
        var viaFastPath = new JsonScanner(json);
        for (int i = 0; i < 3; i++)
        {
            viaRead.Read();
            viaFastPath.Read();
        }

        // On the inner {: its } follows.
        Assert.Equal(JsonTokenType.StartObject, viaFastPath.TokenType);
        viaRead.Read();
        Assert.True(viaFastPath.TryReadEndObject());
        Assert.Equal(Token(viaRead), Token(viaFastPath));
        Assert.False(viaFastPath.TryReadEndObject()); // a comma follows

        for (int i = 0; i < 4; i++)
        {
            viaRead.Read();
            viaFastPath.Read();
        }

        // On the ] of "b": the outer } follows.
        Assert.Equal(JsonTokenType.EndArray, viaFastPath.TokenType);
        viaRead.Read();
        Assert.True(viaFastPath.TryReadEndObject());
        Assert.Equal(Token(viaRead), Token(viaFastPath));
        Assert.False(viaFastPath.Read());
    }

    [Fact]
    public void EveryFixtureLineScansTheSameWhenEveryFastPathIsTriedFirst()
    {
        // Before every token, try the closing brace, then (on a name) the string value: whatever they accept must be
        // exactly the token plain Read produces, and whatever they refuse must not move the scanner.
        foreach (byte[] json in FixtureLines())
        {
            var reference = new JsonScanner(json);
            var probe = new JsonScanner(json);
            var expected = new List<string>();
            var actual = new List<string>();
            while (reference.Read())
            {
                expected.Add(Token(reference));
                if (!probe.TryReadEndObject() && !probe.TryReadStringPropertyValue())
                {
                    Assert.True(probe.Read());
                }

                actual.Add(Token(probe));
            }

            Assert.False(probe.Read());
            Assert.Equal(expected, actual);
        }
    }

    private static IEnumerable<byte[]> FixtureLines() =>
        Directory.EnumerateFiles(FixtureFiles.Directory, "*.jsonl", SearchOption.AllDirectories)
            .Order(StringComparer.Ordinal)
            .SelectMany(File.ReadLines)
            .Where(line => line.Length > 0)
            .Select(Encoding.UTF8.GetBytes);
}
