using System;
using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ProtocolCore.Extensions.AI.Tests;

public sealed class FunctionJsonTests
{
    [Fact]
    public void WritesTheValuesMEAIHandsOverWithoutASerializer()
    {
        var arguments = new Dictionary<string, object?>
        {
            ["path"] = "src/a.cs",
            ["line"] = 42,
            ["ratio"] = 0.5,
            ["recursive"] = true,
            ["none"] = null,
            ["element"] = JsonDocument.Parse("""{"x":[1,"y"]}""").RootElement,
            ["node"] = new JsonObject { ["n"] = 1 },
            ["list"] = new List<object?> { "a", 2L, false },
        };

        Assert.Equal(
            """{"path":"src/a.cs","line":42,"ratio":0.5,"recursive":true,"none":null,"element":{"x":[1,"y"]},"node":{"n":1},"list":["a",2,false]}""",
            FunctionJson.Serialize(arguments));
        Assert.Equal("\"text\"", FunctionJson.Serialize("text"));
    }

    [Fact]
    public void ACustomObjectIsRefusedWithWhatToPassInstead()
    {
        NotSupportedException e = Assert.Throws<NotSupportedException>(() => FunctionJson.Serialize(new { Path = "a" }));
        Assert.Contains("JsonElement", e.Message);
    }

    [Fact]
    public void ArgumentsParseToJsonElementsAndANonObjectToNull()
    {
        IDictionary<string, object?> parsed = FunctionJson.ParseArguments("""{"path":".","depth":2}""")!;
        Assert.Equal(".", ((JsonElement)parsed["path"]!).GetString());
        Assert.Equal(2, ((JsonElement)parsed["depth"]!).GetInt32());
        Assert.Null(FunctionJson.ParseArguments("[1]"));
    }
}
