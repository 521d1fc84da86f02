using ProtocolCore.Json;

namespace ProtocolCore.Models;

/// <summary><c>code_interpreter</c> tool.</summary>
[JsonModel(Discriminator = "code_interpreter")]
public sealed partial class CodeInterpreterTool : Tool
{
    /// <summary>A container id or <c>{"type":"auto",...}</c>.</summary>
    public RawJson? Container { get; set; }

    /// <summary>Members this model does not declare, kept so that decode → encode is lossless.</summary>
    public JsonExtensionData ExtensionData { get; set; }
}
