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
/// <see cref="JsonScanner.TryReadPropertyName"/>, the generated readers' fast path: it must either move exactly as
/// <see cref="JsonScanner.Read"/> would, or not move at all.
/// </summary>
public class JsonScannerExpectedNameTests
{
    private static string Token(in JsonScanner scanner) =>
        $"{scanner.TokenType}:{Encoding.UTF8.GetString(scanner.ValueSpan)}@{scanner.TokenStartIndex}/{scanner.BytesConsumed}/{scanner.CurrentDepth}";

    private static byte[] Expected(string name) => Encoding.UTF8.GetBytes("\"" + name + "\":");

    private static IEnumerable<byte[]> FixtureLines() =>
        Directory.EnumerateFiles(FixtureFiles.Directory, "*.jsonl", SearchOption.AllDirectories)
            .Order(StringComparer.Ordinal)
            .SelectMany(File.ReadLines)
            .Where(line => line.Length > 0)
            .Select(Encoding.UTF8.GetBytes);

    // The line as compact JSON, the form servers send.
    private static byte[] Compact(byte[] json)
    {
        using JsonDocument document = JsonDocument.Parse(json);
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            document.WriteTo(writer);
        }

        return buffer.WrittenSpan.ToArray();
    }

    [Fact]
    public void MatchesTheNextNameAsReadWould()
    {
        byte[] json = """{"a":1,"item_id":"x"}"""u8.ToArray();
        var viaRead = new JsonScanner(json);
        var viaFastPath = new JsonScanner(json);
        for (int i = 0; i < 3; i++)
        {
            viaRead.Read();
            viaFastPath.Read();
        }

        viaRead.Read();
        Assert.True(viaFastPath.TryReadPropertyName(Expected("item_id")));

        Assert.Equal(JsonTokenType.PropertyName, viaFastPath.TokenType);
        Assert.Equal("item_id", viaFastPath.GetString());
        Assert.False(viaFastPath.ValueIsEscaped);
        Assert.Equal(viaRead.TokenStartIndex, viaFastPath.TokenStartIndex);
        Assert.Equal(viaRead.ValueStartIndex, viaFastPath.ValueStartIndex);

        // From here on both scanners see the same tokens.
        while (viaRead.Read())
        {
            Assert.True(viaFastPath.Read());
            Assert.Equal(Token(viaRead), Token(viaFastPath));
        }

        Assert.False(viaFastPath.Read());
    }

    [Theory]
    [InlineData("""{"a":1,"ab":2}""", "a")] // a longer name with the same start
    [InlineData("""{"a":1,"b" :2}""", "b")] // whitespace before the colon
    [InlineData("""{"a":1 ,"b":2}""", "b")] // whitespace before the comma
    [InlineData("""{"a":1,"\u0062":2}""", "b")] // an escaped name
    [InlineData("""{"a":1,"b""", "b")] // truncated
    [InlineData("""{"a":1}""", "b")] // the object ends
    [InlineData("""{"a":1,"b":2}""", "a")] // the name before
    public void DoesNotMoveWhenTheBytesDiffer(string text, string name)
    {
        byte[] json = Encoding.UTF8.GetBytes(text);
        var scanner = new JsonScanner(json);
        scanner.Read();
        scanner.Read();
        scanner.Read();
        string before = Token(scanner);

        Assert.False(scanner.TryReadPropertyName(Expected(name)));

        Assert.Equal(before, Token(scanner));
    }

    [Fact]
    public void MatchesTheFirstNameOfAnObject()
    {
        byte[] json = """{"a":{"b":1}}"""u8.ToArray();
        var scanner = new JsonScanner(json);
        scanner.Read();
        Assert.True(scanner.TryReadPropertyName(Expected("a")));
        Assert.Equal(1, scanner.TokenStartIndex);
        scanner.Read();
        Assert.Equal(JsonTokenType.StartObject, scanner.TokenType);
        Assert.True(scanner.TryReadPropertyName(Expected("b")));
        Assert.Equal(6, scanner.TokenStartIndex);
        scanner.Read();
        Assert.True(scanner.TryGetInt32(out int b));
        Assert.Equal(1, b);
    }

    [Fact]
    public void DoesNotMatchOnANameOrInsideAnArray()
    {
        // On a name, at the start of an array, after a value in an array: never a match, even when the bytes are there.
        byte[] json = """{"x":["b":2,"b":3],"b":4}"""u8.ToArray();
        var scanner = new JsonScanner(json);
        scanner.Read(); // {
        scanner.Read(); // "x"
        Assert.False(scanner.TryReadPropertyName(Expected("x")));
        scanner.Read(); // [
        Assert.False(scanner.TryReadPropertyName(Expected("b")));
        Assert.Equal(JsonTokenType.StartArray, scanner.TokenType);
    }

    [Fact]
    public void DoesNotMatchAfterAValueInAnArray()
    {
        byte[] json = """{"x":[1,"b":2]}"""u8.ToArray();
        var scanner = new JsonScanner(json);
        scanner.Read(); // {
        scanner.Read(); // "x"
        scanner.Read(); // [
        scanner.Read(); // 1
        Assert.False(scanner.TryReadPropertyName(Expected("b")));
        Assert.Equal(JsonTokenType.Number, scanner.TokenType);
    }

    [Fact]
    public void MatchesAfterAContainerValue()
    {
        byte[] json = """{"a":[1,{"c":null}],"b":{"d":true},"e":0}"""u8.ToArray();
        var scanner = new JsonScanner(json);
        scanner.Read();
        scanner.Read();
        scanner.Read();
        scanner.Skip(); // on ] of "a"
        Assert.True(scanner.TryReadPropertyName(Expected("b")));
        scanner.Read();
        scanner.Skip(); // on } of "b"
        Assert.True(scanner.TryReadPropertyName(Expected("e")));
        scanner.Read();
        Assert.True(scanner.TryGetInt32(out int e));
        Assert.Equal(0, e);
    }

    [Fact]
    public void EveryFixtureLineScansTheSameWhenEachNextNameIsTriedFirst()
    {
        // Wherever Read would produce a property name, try the right name, a wrong one, then the right one again:
        // the tokens must be exactly those of plain Read.
        foreach (byte[] json in FixtureLines())
        {
            var reference = new JsonScanner(json);
            var probe = new JsonScanner(json);
            var expected = new List<string>();
            var actual = new List<string>();
            while (reference.Read())
            {
                expected.Add(Token(reference));
                if (reference.TokenType == JsonTokenType.PropertyName && !reference.ValueIsEscaped)
                {
                    string name = Encoding.UTF8.GetString(reference.ValueSpan);
                    Assert.False(probe.TryReadPropertyName(Expected(name + "_")));
                    if (!probe.TryReadPropertyName(Expected(name)))
                    {
                        Assert.True(probe.Read());
                    }
                }
                else
                {
                    Assert.True(probe.Read());
                }

                actual.Add(Token(probe));
            }

            Assert.False(probe.Read());
            Assert.Equal(expected, actual);
        }
    }

    [Fact]
    public void MostFixtureNamesAreMatchedByTheFastPath()
    {
        // Compact JSON, as servers send it: every name is a match.
        int names = 0;
        int matched = 0;
        foreach (byte[] json in FixtureLines().Take(300).Select(Compact))
        {
            var reference = new JsonScanner(json);
            var probe = new JsonScanner(json);
            while (reference.Read())
            {
                if (reference.TokenType == JsonTokenType.PropertyName)
                {
                    names++;
                    if (probe.TryReadPropertyName(Expected(Encoding.UTF8.GetString(reference.ValueSpan))))
                    {
                        matched++;
                        continue;
                    }
                }

                probe.Read();
            }
        }

        Assert.True(names > 0);
        Assert.Equal(names, matched);
    }
    [Theory]
    [InlineData("0", 0)]
    [InlineData("7", 7)]
    [InlineData("123456789", 123456789)]
    public void ReadsAPlainIntegerAsReadWould(string number, int expected)
    {
        byte[] json = Encoding.UTF8.GetBytes("{\"a\":" + number + ",\"b\":" + number + "}");
        var viaRead = new JsonScanner(json);
        var viaFastPath = new JsonScanner(json);
        viaRead.Read();
        viaRead.Read();
        viaRead.Read();
        viaFastPath.Read();
        Assert.True(viaFastPath.TryReadPropertyName(Expected("a")));

        Assert.True(viaFastPath.TryReadInt32PropertyValue(out int value));

        Assert.Equal(expected, value);
        Assert.Equal(Token(viaRead), Token(viaFastPath));

        // And before the closing brace.
        viaRead.Read();
        viaRead.Read();
        Assert.True(viaFastPath.TryReadPropertyName(Expected("b")));
        Assert.True(viaFastPath.TryReadInt32PropertyValue(out value));
        Assert.Equal(expected, value);
        Assert.Equal(Token(viaRead), Token(viaFastPath));
        Assert.True(viaRead.Read());
        Assert.True(viaFastPath.Read());
        Assert.Equal(Token(viaRead), Token(viaFastPath));
    }

    [Theory]
    [InlineData("1234567890,")] // ten digits: may not fit
    [InlineData("01,")] // not JSON
    [InlineData("-1,")]
    [InlineData("1.5,")]
    [InlineData("1e3,")]
    [InlineData("1 ,")]
    [InlineData(" 1,")]
    [InlineData("\"1\",")]
    [InlineData("null,")]
    [InlineData("1")] // truncated
    public void LeavesEveryOtherValueToTheGeneralPath(string rest)
    {
        byte[] json = Encoding.UTF8.GetBytes("{\"a\":" + rest);
        var scanner = new JsonScanner(json);
        scanner.Read();
        Assert.True(scanner.TryReadPropertyName(Expected("a")));
        string before = Token(scanner);

        Assert.False(scanner.TryReadInt32PropertyValue(out _));

        Assert.Equal(before, Token(scanner));
    }

    [Fact]
    public void ReadsNoIntegerUnlessOnAPropertyName()
    {
        byte[] json = """{"a":[1,2]}"""u8.ToArray();
        var scanner = new JsonScanner(json);
        scanner.Read();
        Assert.False(scanner.TryReadInt32PropertyValue(out _));
        scanner.Read();
        scanner.Read();
        Assert.False(scanner.TryReadInt32PropertyValue(out _));
        scanner.Read();
        Assert.False(scanner.TryReadInt32PropertyValue(out _));
        Assert.Equal(JsonTokenType.Number, scanner.TokenType);
    }
}
