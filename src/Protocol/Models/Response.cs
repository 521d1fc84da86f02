using System.Collections.Generic;
using ProtocolCore.Json;

namespace ProtocolCore.Models;

/// <summary>A response object (<c>"object": "response"</c>), as carried by the lifecycle events.</summary>
[JsonModel]
public sealed partial class Response
{
    /// <summary>
    /// The response's id (<c>resp_...</c>): what a later <c>response.create</c> sends as <c>previous_response_id</c>.
    /// </summary>
    public string? Id { get; set; }

    /// <summary>Always <c>response</c>.</summary>
    public string? Object { get; set; }

    /// <summary>When the response was created, in Unix seconds.</summary>
    public long? CreatedAt { get; set; }

    /// <summary>
    /// The response's status: <c>queued</c>, <c>in_progress</c>, <c>completed</c>, <c>incomplete</c>, <c>failed</c> or
    /// <c>cancelled</c>.
    /// </summary>
    public StringEnum<ResponseStatus>? Status { get; set; }

    /// <summary>When the response completed, in Unix seconds; null until it has.</summary>
    public long? CompletedAt { get; set; }

    /// <summary>Why the response failed, or null.</summary>
    public ResponseError? Error { get; set; }

    /// <summary>Why the response is incomplete, or null.</summary>
    public IncompleteDetails? IncompleteDetails { get; set; }

    /// <summary>A string or an array of input items.</summary>
    public RawJson? Instructions { get; set; }

    /// <summary>The most tokens the response may output, reasoning included; null for no limit.</summary>
    public int? MaxOutputTokens { get; set; }

    /// <summary>The most built-in tool calls the response may make; null for no limit.</summary>
    public int? MaxToolCalls { get; set; }

    /// <summary>The model that produced the response (for example <c>gpt-5.2</c>).</summary>
    public string? Model { get; set; }

    /// <summary>
    /// The items the response produced, in order. Some servers send a terminal response with an empty list: rebuild it
    /// from the <c>response.output_item.done</c> events.
    /// </summary>
    public List<OutputItem>? Output { get; set; }

    /// <summary>
    /// The <c>output_text</c> of the output, concatenated, when the server sends it; null when absent.
    /// </summary>
    public string? OutputText { get; set; }

    /// <summary>Whether the model may call tools in parallel.</summary>
    public bool? ParallelToolCalls { get; set; }

    /// <summary>The response this one continues, or null.</summary>
    public string? PreviousResponseId { get; set; }

    /// <summary>The key the request grouped its prompt cache entries under, or null.</summary>
    public string? PromptCacheKey { get; set; }

    /// <summary>How long the prompt cache is kept: <c>in_memory</c> or <c>24h</c>; null when absent.</summary>
    public StringEnum<PromptCacheRetention>? PromptCacheRetention { get; set; }

    /// <summary>The prompt cache options, as JSON.</summary>
    public RawJson? PromptCacheOptions { get; set; }

    /// <summary>The reasoning configuration, or null.</summary>
    public Reasoning? Reasoning { get; set; }

    /// <summary>The caller's stable identifier of its end user, for abuse detection, or null.</summary>
    public string? SafetyIdentifier { get; set; }

    /// <summary>
    /// The processing tier actually used (<c>auto</c>, <c>default</c>, <c>flex</c>, <c>scale</c>, <c>priority</c>,
    /// ...), which may differ from the one requested.
    /// </summary>
    public StringEnum<ServiceTier>? ServiceTier { get; set; }

    /// <summary>Whether the response is stored by the API (not in the spec; live responses carry it).</summary>
    public bool? Store { get; set; }

    /// <summary>The sampling temperature, 0 to 2, or null.</summary>
    public double? Temperature { get; set; }

    /// <summary>The text output configuration (<c>format</c>, <c>verbosity</c>).</summary>
    public RawJson? Text { get; set; }

    /// <summary>A mode string or a tool selection object.</summary>
    public RawJson? ToolChoice { get; set; }

    /// <summary>The tools the model could use.</summary>
    public List<Tool>? Tools { get; set; }

    /// <summary>How many most likely tokens are returned at each position (0 to 20), or null.</summary>
    public int? TopLogprobs { get; set; }

    /// <summary>The nucleus sampling probability mass, or null.</summary>
    public double? TopP { get; set; }

    /// <summary>The truncation strategy: <c>auto</c> or <c>disabled</c>; null when absent.</summary>
    public StringEnum<Truncation>? Truncation { get; set; }

    /// <summary>The tokens the response used; null until the response ends.</summary>
    public ResponseUsage? Usage { get; set; }

    /// <summary>
    /// The deprecated end-user identifier (<see cref="SafetyIdentifier"/> and <see cref="PromptCacheKey"/> replace it).
    /// </summary>
    public string? User { get; set; }

    /// <summary>The request's metadata (up to 16 string key-value pairs), or null, as JSON.</summary>
    public RawJson? Metadata { get; set; }

    /// <summary>The prompt template reference, or null, as JSON.</summary>
    public RawJson? Prompt { get; set; }

    /// <summary>
    /// Whether the response runs in the background, or null (WebSocket mode does not support background responses).
    /// </summary>
    public bool? Background { get; set; }

    /// <summary>The conversation the response belongs to, or null.</summary>
    public ResponseConversation? Conversation { get; set; }

    /// <summary>The moderation settings, or null, as JSON.</summary>
    public RawJson? Moderation { get; set; }

    /// <summary>The frequency penalty (not in the spec; live responses carry it).</summary>
    public double? FrequencyPenalty { get; set; }

    /// <summary>The presence penalty (not in the spec; live responses carry it).</summary>
    public double? PresencePenalty { get; set; }

    /// <summary>Members this model does not declare, kept so that decode → encode is lossless.</summary>
    public JsonExtensionData ExtensionData { get; set; }
}
