using System.Collections.Generic;
using ProtocolCore.Json;

namespace ProtocolCore.Models;

/// <summary><c>namespace</c>: a named group of tools.</summary>
[JsonModel(Discriminator = "namespace")]
public sealed partial class NamespaceTool : Tool
{
    public string? Name { get; set; }

    public string? Description { get; set; }

    public List<Tool>? Tools { get; set; }

    /// <summary>Members this model does not declare, kept so that decode → encode is lossless.</summary>
    public JsonExtensionData ExtensionData { get; set; }
}
