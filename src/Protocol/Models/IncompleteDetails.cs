using ProtocolCore.Json;

namespace ProtocolCore.Models;

/// <summary>Why a response is incomplete.</summary>
[JsonModel]
public sealed partial class IncompleteDetails
{
    /// <summary>
    /// Why the response is incomplete: <c>max_output_tokens</c>, <c>content_filter</c> or <c>steered</c>.
    /// </summary>
    public StringEnum<IncompleteReason>? Reason { get; set; }

    /// <summary>Members this model does not declare, kept so that decode → encode is lossless.</summary>
    public JsonExtensionData ExtensionData { get; set; }
}
