using System.Collections.Generic;
using ProtocolCore.Json;

namespace ProtocolCore.Models;

/// <summary>A response object (<c>"object": "response"</c>), as carried by the lifecycle events.</summary>
[JsonModel]
public sealed partial class Response
{
    public string? Id { get; set; }

    public string? Object { get; set; }

    public long? CreatedAt { get; set; }

    public StringEnum<ResponseStatus>? Status { get; set; }

    public long? CompletedAt { get; set; }

    public ResponseError? Error { get; set; }

    public IncompleteDetails? IncompleteDetails { get; set; }

    /// <summary>A string or an array of input items.</summary>
    public RawJson? Instructions { get; set; }

    public int? MaxOutputTokens { get; set; }

    public int? MaxToolCalls { get; set; }

    public string? Model { get; set; }

    public List<OutputItem>? Output { get; set; }

    public string? OutputText { get; set; }

    public bool? ParallelToolCalls { get; set; }

    public string? PreviousResponseId { get; set; }

    public string? PromptCacheKey { get; set; }

    public StringEnum<PromptCacheRetention>? PromptCacheRetention { get; set; }

    public RawJson? PromptCacheOptions { get; set; }

    public Reasoning? Reasoning { get; set; }

    public string? SafetyIdentifier { get; set; }

    public StringEnum<ServiceTier>? ServiceTier { get; set; }

    public bool? Store { get; set; }

    public double? Temperature { get; set; }

    /// <summary>The text output configuration (<c>format</c>, <c>verbosity</c>).</summary>
    public RawJson? Text { get; set; }

    /// <summary>A mode string or a tool selection object.</summary>
    public RawJson? ToolChoice { get; set; }

    public List<Tool>? Tools { get; set; }

    public int? TopLogprobs { get; set; }

    public double? TopP { get; set; }

    public StringEnum<Truncation>? Truncation { get; set; }

    public ResponseUsage? Usage { get; set; }

    public string? User { get; set; }

    public RawJson? Metadata { get; set; }

    public RawJson? Prompt { get; set; }

    public bool? Background { get; set; }

    public ResponseConversation? Conversation { get; set; }

    public RawJson? Moderation { get; set; }

    public double? FrequencyPenalty { get; set; }

    public double? PresencePenalty { get; set; }

    /// <summary>Members this model does not declare, kept so that decode → encode is lossless.</summary>
    public JsonExtensionData ExtensionData { get; set; }
}
