using System.Collections.Generic;
using ProtocolCore.Json;

namespace ProtocolCore.Models;

/// <summary><c>reasoning</c>: the model's reasoning (summary, text, or encrypted).</summary>
[JsonModel(Discriminator = "reasoning")]
public sealed partial class ReasoningItem : OutputItem
{
    /// <summary>The item's id: set by the API on output, optional on input.</summary>
    public string? Id { get; set; }

    /// <summary>
    /// The reasoning, encrypted and opaque, or null; sent when the request's <c>include</c> asks for
    /// <c>reasoning.encrypted_content</c> (needed to replay reasoning with <c>store: false</c>).
    /// </summary>
    public string? EncryptedContent { get; set; }

    /// <summary><c>summary_text</c> parts.</summary>
    public List<OutputContent>? Summary { get; set; }

    /// <summary><c>reasoning_text</c> parts.</summary>
    public List<OutputContent>? Content { get; set; }

    /// <summary>The item's <c>status</c>: <c>in_progress</c>, <c>completed</c> or <c>incomplete</c>.</summary>
    public StringEnum<ItemStatus>? Status { get; set; }

    /// <summary>Members this model does not declare, kept so that decode → encode is lossless.</summary>
    public JsonExtensionData ExtensionData { get; set; }
}
