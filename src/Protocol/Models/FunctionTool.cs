using ProtocolCore.Json;

namespace ProtocolCore.Models;

/// <summary><c>function</c>: a function the client executes.</summary>
[JsonModel(Discriminator = "function")]
public sealed partial class FunctionTool : Tool
{
    /// <summary>The function's name, as the model calls it.</summary>
    public string? Name { get; set; }

    /// <summary>What the function does, for the model to decide when to call it.</summary>
    public string? Description { get; set; }

    /// <summary>The JSON schema of the arguments.</summary>
    public RawJson? Parameters { get; set; }

    /// <summary>Whether the arguments must match <see cref="Parameters"/> exactly (strict schema adherence).</summary>
    public bool? Strict { get; set; }

    /// <summary>Whether the function is loaded only when a tool search finds it (<c>defer_loading</c>).</summary>
    public bool? DeferLoading { get; set; }

    /// <summary>The JSON schema of the function's output, as JSON.</summary>
    public RawJson? OutputSchema { get; set; }

    /// <summary>Who may call the function (<c>allowed_callers</c>), as JSON.</summary>
    public RawJson? AllowedCallers { get; set; }

    /// <summary>Members this model does not declare, kept so that decode → encode is lossless.</summary>
    public JsonExtensionData ExtensionData { get; set; }
}
