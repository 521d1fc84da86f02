using System.Collections.Generic;
using ProtocolCore.Json;

namespace ProtocolCore.Models;

/// <summary>The <c>action</c> of a <c>shell_call</c>.</summary>
[JsonModel]
public sealed partial class ShellAction
{
    /// <summary>The commands to run, in order.</summary>
    public List<string>? Commands { get; set; }

    /// <summary>The most characters of output to return from each command, or null.</summary>
    public int? MaxOutputLength { get; set; }

    /// <summary>The timeout, in milliseconds, or null.</summary>
    public int? TimeoutMs { get; set; }

    /// <summary>Members this model does not declare, kept so that decode → encode is lossless.</summary>
    public JsonExtensionData ExtensionData { get; set; }
}
