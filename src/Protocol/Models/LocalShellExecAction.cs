using System.Collections.Generic;
using ProtocolCore.Json;

namespace ProtocolCore.Models;

/// <summary>The <c>action</c> of a <c>local_shell_call</c> (<c>"type": "exec"</c>).</summary>
[JsonModel]
public sealed partial class LocalShellExecAction
{
    public string? Type { get; set; }

    public List<string>? Command { get; set; }

    public Dictionary<string, string>? Env { get; set; }

    public int? TimeoutMs { get; set; }

    public string? WorkingDirectory { get; set; }

    public string? User { get; set; }

    /// <summary>Members this model does not declare, kept so that decode → encode is lossless.</summary>
    public JsonExtensionData ExtensionData { get; set; }
}
