using ProtocolCore.Json;

namespace ProtocolCore.Models;

/// <summary>The <c>delta</c> of <c>response.shell_call_output_content.delta</c> (UTF-8 views: it is streamed like the other deltas).</summary>
[JsonModel]
public sealed partial class ShellCallOutputDelta
{
    /// <summary>The next chunk of standard output, or null.</summary>
    public Utf8Text? Stdout { get; set; }

    /// <summary>The next chunk of standard error, or null.</summary>
    public Utf8Text? Stderr { get; set; }

    /// <summary>Members this model does not declare, kept so that decode → encode is lossless.</summary>
    public JsonExtensionData ExtensionData { get; set; }
}
