using ProtocolCore.Json;

namespace ProtocolCore.Models;

/// <summary>One command's output in a <c>shell_call_output</c>.</summary>
[JsonModel]
public sealed partial class ShellCallOutputContent
{
    /// <summary>What the command wrote to standard output.</summary>
    public string? Stdout { get; set; }

    /// <summary>What the command wrote to standard error.</summary>
    public string? Stderr { get; set; }

    /// <summary><c>{"type":"exit","exit_code":0}</c> or <c>{"type":"timeout"}</c>.</summary>
    public RawJson? Outcome { get; set; }

    /// <summary>Members this model does not declare, kept so that decode → encode is lossless.</summary>
    public JsonExtensionData ExtensionData { get; set; }
}
