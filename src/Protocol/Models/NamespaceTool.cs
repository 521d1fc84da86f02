using System.Collections.Generic;
using ProtocolCore.Json;

namespace ProtocolCore.Models;

/// <summary><c>namespace</c>: a named group of tools.</summary>
[JsonModel(Discriminator = "namespace")]
public sealed partial class NamespaceTool : Tool
{
    /// <summary>The name of the namespace; a call to one of its tools carries it in <c>namespace</c>.</summary>
    public string? Name { get; set; }

    /// <summary>What the group of tools is for, for the model.</summary>
    public string? Description { get; set; }

    /// <summary>The tools in the namespace.</summary>
    public List<Tool>? Tools { get; set; }

    /// <summary>Members this model does not declare, kept so that decode → encode is lossless.</summary>
    public JsonExtensionData ExtensionData { get; set; }
}
