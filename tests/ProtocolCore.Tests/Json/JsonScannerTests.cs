using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using CsCheck;
using ProtocolCore.Json;
using ProtocolCore.Tests.Fixtures;

namespace ProtocolCore.Tests.Json;

/// <summary>
/// The scanner under the generated readers, checked against System.Text.Json's Utf8JsonReader as the reference: the
/// same tokens for valid JSON, a rejection for invalid JSON.
/// </summary>
public class JsonScannerTests
{
    private static List<string> ScannerTokens(byte[] json)
    {
        var tokens = new List<string>();
        var scanner = new JsonScanner(json);
        while (scanner.Read())
        {
            string value = scanner.TokenType is JsonTokenType.String or JsonTokenType.PropertyName
                ? scanner.GetString()!
                : Encoding.UTF8.GetString(scanner.ValueSpan);
            tokens.Add($"{scanner.TokenType}:{value}@{scanner.TokenStartIndex}");
        }

        return tokens;
    }

    private static List<string> ReferenceTokens(byte[] json)
    {
        var tokens = new List<string>();
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = JsonScanner.MaxDepth });
        while (reader.Read())
        {
            string value = reader.TokenType is JsonTokenType.String or JsonTokenType.PropertyName
                ? reader.GetString()!
                : Encoding.UTF8.GetString(reader.ValueSpan);
            tokens.Add($"{reader.TokenType}:{value}@{reader.TokenStartIndex}");
        }

        return tokens;
    }

    private static bool ScannerAccepts(byte[] json)
    {
        try
        {
            ScannerTokens(json);
            return true;
        }
        catch (ProtocolJsonException)
        {
            return false;
        }
    }

    private static bool ReferenceAccepts(byte[] json)
    {
        try
        {
            ReferenceTokens(json);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    [Theory]
    [InlineData("""{"a":1,"b":[true,false,null,-0.5e+3,""],"c":{"d":"\u00e9\"\\\/\b\f\n\r\t"}}""")]
    [InlineData(""" { "s" : "\ud83d\ude00 emoji" , "n" : 0 } """)]
    [InlineData("[]")]
    [InlineData("{}")]
    [InlineData("\"top\"")]
    [InlineData("12345678901234567890")]
    [InlineData("[[[[[[[[[[]]]]]]]]]]")]
    public void ProducesTheSameTokensAsUtf8JsonReader(string json)
    {
        byte[] utf8 = Encoding.UTF8.GetBytes(json);

        Assert.Equal(ReferenceTokens(utf8), ScannerTokens(utf8));
    }

    [Theory]
    [InlineData("")]
    [InlineData("{")]
    [InlineData("{\"a\"}")]
    [InlineData("{\"a\":}")]
    [InlineData("{\"a\":1,}")]
    [InlineData("[1,]")]
    [InlineData("[1 2]")]
    [InlineData("{\"a\":1}}")]
    [InlineData("{\"a\":1} x")]
    [InlineData("{'a':1}")]
    [InlineData("{\"a\":01}")]
    [InlineData("{\"a\":1.}")]
    [InlineData("{\"a\":.5}")]
    [InlineData("{\"a\":1e}")]
    [InlineData("{\"a\":-}")]
    [InlineData("{\"a\":tru}")]
    [InlineData("{\"a\":nul}")]
    [InlineData("{\"a\":truex}")]
    [InlineData("{\"a\":\"unterminated}")]
    [InlineData("{\"a\":\"bad \\x escape\"}")]
    [InlineData("{\"a\":\"bad \\u12G4 escape\"}")]
    [InlineData("{\"a\":\"raw \u0001 control\"}")]
    [InlineData("[}")]
    [InlineData("{]")]
    public void RejectsWhatUtf8JsonReaderRejects(string json)
    {
        byte[] utf8 = Encoding.UTF8.GetBytes(json);

        Assert.False(ReferenceAccepts(utf8));
        var e = Assert.Throws<ProtocolJsonException>(() => ScannerTokens(utf8));
        Assert.InRange(e.BytePosition, 0, utf8.Length);
    }

    [Fact]
    public void RejectsNestingDeeperThanTheLimit()
    {
        byte[] deep = Encoding.UTF8.GetBytes(new string('[', JsonScanner.MaxDepth + 1) + new string(']', JsonScanner.MaxDepth + 1));

        Assert.Throws<ProtocolJsonException>(() => ScannerTokens(deep));
    }

    [Fact]
    public void SkipMovesPastWholeValues()
    {
        var scanner = new JsonScanner("""{"a":{"b":[1,{"c":2}]},"d":3}"""u8);
        scanner.Read();
        scanner.Read();
        Assert.Equal(JsonTokenType.PropertyName, scanner.TokenType);
        scanner.Skip();
        Assert.Equal(JsonTokenType.EndObject, scanner.TokenType);
        scanner.Read();
        Assert.True(scanner.ValueTextEquals("d"u8));
    }

    [Fact]
    public void EveryFixtureLineTokenisesLikeUtf8JsonReader()
    {
        foreach (string file in Directory.EnumerateFiles(FixtureFiles.Directory, "*.jsonl", SearchOption.AllDirectories))
        {
            int lineNumber = 0;
            foreach (string line in File.ReadLines(file))
            {
                lineNumber++;
                if (line.Length == 0)
                {
                    continue;
                }

                byte[] utf8 = Encoding.UTF8.GetBytes(line);
                Assert.True(ReferenceTokens(utf8).SequenceEqual(ScannerTokens(utf8)), $"{Path.GetFileName(file)}:{lineNumber}");
            }
        }
    }

    [Fact]
    public void RandomMutationsAreAcceptedExactlyWhenUtf8JsonReaderAcceptsThem()
    {
        byte[] seed = Encoding.UTF8.GetBytes(
            """{"type":"response.output_text.delta","item_id":"msg_1","delta":"a \"q\" \u00e9","n":[1,-2.5e3,true,null],"o":{}}""");
        // ASCII-only replacements: UTF-8 validity is the frame layer's job, not the tokenizer's.
        Gen.Select(Gen.Int[0, seed.Length - 1], Gen.Byte[0x20, 0x7E], Gen.Int[0, 2])
            .Sample((position, replacement, mode) =>
            {
                byte[] mutated = mode switch
                {
                    0 => Replace(seed, position, replacement),
                    1 => seed.Take(position).ToArray(),
                    _ => seed.Take(position).Concat(new[] { replacement }).Concat(seed.Skip(position)).ToArray(),
                };
                return ReferenceAccepts(mutated) == ScannerAccepts(mutated);
            }, iter: 20_000);
    }

    private static byte[] Replace(byte[] source, int position, byte value)
    {
        byte[] copy = (byte[])source.Clone();
        copy[position] = value;
        return copy;
    }
}
