using System.Collections.Generic;
using ProtocolCore.Json;

namespace ProtocolCore.Models;

/// <summary>The <c>action</c> of a <c>local_shell_call</c> (<c>"type": "exec"</c>).</summary>
[JsonModel]
public sealed partial class LocalShellExecAction
{
    /// <summary>Always <c>exec</c>.</summary>
    public string? Type { get; set; }

    /// <summary>The command and its arguments.</summary>
    public List<string>? Command { get; set; }

    /// <summary>Environment variables to set for the command.</summary>
    public Dictionary<string, string>? Env { get; set; }

    /// <summary>The timeout of the command, in milliseconds.</summary>
    public int? TimeoutMs { get; set; }

    /// <summary>The directory to run the command in.</summary>
    public string? WorkingDirectory { get; set; }

    /// <summary>The user to run the command as.</summary>
    public string? User { get; set; }

    /// <summary>Members this model does not declare, kept so that decode → encode is lossless.</summary>
    public JsonExtensionData ExtensionData { get; set; }
}
