using System.Collections.Generic;
using ProtocolCore.Json;

namespace ProtocolCore.Models;

/// <summary>The <c>action</c> of a <c>shell_call</c>.</summary>
[JsonModel]
public sealed partial class ShellAction
{
    public List<string>? Commands { get; set; }

    public int? MaxOutputLength { get; set; }

    public int? TimeoutMs { get; set; }

    /// <summary>Members this model does not declare, kept so that decode → encode is lossless.</summary>
    public JsonExtensionData ExtensionData { get; set; }
}
