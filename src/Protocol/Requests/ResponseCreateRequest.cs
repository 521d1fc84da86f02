using System.Collections.Generic;
using ProtocolCore.Json;
using ProtocolCore.Models;

namespace ProtocolCore.Requests;

/// <summary>The client event <c>response.create</c>: starts a response on the WebSocket (the body of <c>POST /v1/responses</c> plus <c>type</c> and <c>stream_id</c>).</summary>
[JsonModel(Discriminator = "response.create")]
public sealed partial class ResponseCreateRequest
{
    /// <summary>The WebSocket lane this request runs on; its events carry the same <c>stream_id</c>.</summary>
    public string? StreamId { get; set; }

    /// <summary>The model id (for example <c>gpt-5.2</c>).</summary>
    public string? Model { get; set; }

    /// <summary>A string (one user message) or a list of input items.</summary>
    public ResponseInput? Input { get; set; }

    /// <summary>
    /// A system (developer) message placed first in the context; not carried over to a response that continues this
    /// one.
    /// </summary>
    public string? Instructions { get; set; }

    /// <summary>Continue from this response (its output and context are kept server-side or in the connection cache).</summary>
    public string? PreviousResponseId { get; set; }

    /// <summary>
    /// Whether the API stores the response (default true). With <c>false</c>, <c>previous_response_id</c> works only
    /// for the connection's most recent response (else <c>previous_response_not_found</c>).
    /// </summary>
    public bool? Store { get; set; }

    /// <summary>False to warm the connection cache with the input without generating (not in the OpenAPI spec; see the WebSocket guide).</summary>
    public bool? Generate { get; set; }

    /// <summary>The tools the model may use.</summary>
    public List<Tool>? Tools { get; set; }

    /// <summary>A mode string (<c>"auto"</c>, <c>"none"</c>, <c>"required"</c>) or a tool selection object.</summary>
    public RawJson? ToolChoice { get; set; }

    /// <summary>Whether the model may call tools in parallel.</summary>
    public bool? ParallelToolCalls { get; set; }

    /// <summary>The most built-in tool calls the response may make.</summary>
    public int? MaxToolCalls { get; set; }

    /// <summary>The most tokens the response may output, reasoning included.</summary>
    public int? MaxOutputTokens { get; set; }

    /// <summary>
    /// Extra output to include (for example <c>reasoning.encrypted_content</c>, <c>message.output_text.logprobs</c>,
    /// <c>file_search_call.results</c>).
    /// </summary>
    public List<string>? Include { get; set; }

    /// <summary>Up to 16 key-value pairs stored with the response.</summary>
    public Dictionary<string, string>? Metadata { get; set; }

    /// <summary>The sampling temperature, 0 to 2.</summary>
    public double? Temperature { get; set; }

    /// <summary>The nucleus sampling probability mass.</summary>
    public double? TopP { get; set; }

    /// <summary>How many most likely tokens to return at each position, 0 to 20.</summary>
    public int? TopLogprobs { get; set; }

    /// <summary>The reasoning configuration (effort, summary).</summary>
    public Reasoning? Reasoning { get; set; }

    /// <summary>The text output configuration (<c>format</c>, <c>verbosity</c>).</summary>
    public RawJson? Text { get; set; }

    /// <summary><c>auto</c> or <c>disabled</c>: what happens when the context exceeds the model's window.</summary>
    public StringEnum<Truncation>? Truncation { get; set; }

    /// <summary>
    /// The processing tier to use: <c>auto</c>, <c>default</c>, <c>flex</c>, <c>scale</c>, <c>priority</c>, ...
    /// </summary>
    public StringEnum<ServiceTier>? ServiceTier { get; set; }

    /// <summary>
    /// The deprecated end-user identifier (<see cref="SafetyIdentifier"/> and <see cref="PromptCacheKey"/> replace it).
    /// </summary>
    public string? User { get; set; }

    /// <summary>
    /// A stable identifier of the caller's end user, for abuse detection (hash it; do not send personal data).
    /// </summary>
    public string? SafetyIdentifier { get; set; }

    /// <summary>A key that groups requests sharing a prompt prefix, to improve prompt cache hits.</summary>
    public string? PromptCacheKey { get; set; }

    /// <summary>How long the prompt cache is kept: <c>in_memory</c> or <c>24h</c>.</summary>
    public StringEnum<PromptCacheRetention>? PromptCacheRetention { get; set; }

    /// <summary>The prompt cache options, as JSON.</summary>
    public RawJson? PromptCacheOptions { get; set; }

    /// <summary>A prompt template reference (<c>id</c>, <c>version</c>, <c>variables</c>).</summary>
    public RawJson? Prompt { get; set; }

    /// <summary>Not supported over WebSocket; kept for completeness.</summary>
    public bool? Background { get; set; }

    /// <summary>Implicit over WebSocket; the server tolerates it.</summary>
    public bool? Stream { get; set; }

    /// <summary>Options of the event stream (for example <c>include_obfuscation</c>), as JSON.</summary>
    public RawJson? StreamOptions { get; set; }

    /// <summary>A conversation id or <c>{"id": ...}</c>.</summary>
    public RawJson? Conversation { get; set; }

    /// <summary>How the server manages the context (for example compaction), as a JSON array.</summary>
    public RawJson? ContextManagement { get; set; }

    /// <summary>The moderation settings, as JSON.</summary>
    public RawJson? Moderation { get; set; }

    /// <summary>Members this model does not declare, kept so that decode → encode is lossless.</summary>
    public JsonExtensionData ExtensionData { get; set; }

    /// <summary>
    /// A copy that shares every member's value (lists and nested objects are shared, not copied): a session's request
    /// for one turn, made from its template without naming (and so without ever forgetting) a member.
    /// </summary>
    internal ResponseCreateRequest ShallowCopy() => (ResponseCreateRequest)MemberwiseClone();
}
