using System.Collections.Generic;
using ProtocolCore.Json;

namespace ProtocolCore.Models;

/// <summary><c>reasoning</c>: the model's reasoning (summary, text, or encrypted).</summary>
[JsonModel(Discriminator = "reasoning")]
public sealed partial class ReasoningItem : OutputItem
{
    public string? Id { get; set; }

    public string? EncryptedContent { get; set; }

    /// <summary><c>summary_text</c> parts.</summary>
    public List<OutputContent>? Summary { get; set; }

    /// <summary><c>reasoning_text</c> parts.</summary>
    public List<OutputContent>? Content { get; set; }

    public StringEnum<ItemStatus>? Status { get; set; }

    /// <summary>Members this model does not declare, kept so that decode → encode is lossless.</summary>
    public JsonExtensionData ExtensionData { get; set; }
}
