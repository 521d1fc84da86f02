using ProtocolCore.Json;

namespace ProtocolCore.Models;

/// <summary><c>function</c>: a function the client executes.</summary>
[JsonModel(Discriminator = "function")]
public sealed partial class FunctionTool : Tool
{
    public string? Name { get; set; }

    public string? Description { get; set; }

    /// <summary>The JSON schema of the arguments.</summary>
    public RawJson? Parameters { get; set; }

    public bool? Strict { get; set; }

    public bool? DeferLoading { get; set; }

    public RawJson? OutputSchema { get; set; }

    public RawJson? AllowedCallers { get; set; }

    /// <summary>Members this model does not declare, kept so that decode → encode is lossless.</summary>
    public JsonExtensionData ExtensionData { get; set; }
}
