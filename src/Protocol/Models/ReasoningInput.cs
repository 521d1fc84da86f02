using System.Collections.Generic;
using ProtocolCore.Json;

namespace ProtocolCore.Models;

/// <summary><c>reasoning</c>: a reasoning item of an earlier response, replayed.</summary>
[JsonModel(Discriminator = "reasoning")]
public sealed partial class ReasoningInput : InputItem
{
    public string? Id { get; set; }

    public string? EncryptedContent { get; set; }

    public List<OutputContent>? Summary { get; set; }

    public List<OutputContent>? Content { get; set; }

    public StringEnum<ItemStatus>? Status { get; set; }

    /// <summary>Members this model does not declare, kept so that decode → encode is lossless.</summary>
    public JsonExtensionData ExtensionData { get; set; }
}
