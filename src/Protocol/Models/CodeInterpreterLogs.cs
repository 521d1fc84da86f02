using ProtocolCore.Json;

namespace ProtocolCore.Models;

/// <summary><c>logs</c>: console output.</summary>
[JsonModel(Discriminator = "logs")]
public sealed partial class CodeInterpreterLogs : CodeInterpreterOutput
{
    /// <summary>The logs the code printed.</summary>
    public string? Logs { get; set; }

    /// <summary>Members this model does not declare, kept so that decode → encode is lossless.</summary>
    public JsonExtensionData ExtensionData { get; set; }
}
