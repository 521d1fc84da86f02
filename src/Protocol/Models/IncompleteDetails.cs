using ProtocolCore.Json;

namespace ProtocolCore.Models;

/// <summary>Why a response is incomplete.</summary>
[JsonModel]
public sealed partial class IncompleteDetails
{
    public StringEnum<IncompleteReason>? Reason { get; set; }

    /// <summary>Members this model does not declare, kept so that decode → encode is lossless.</summary>
    public JsonExtensionData ExtensionData { get; set; }
}
