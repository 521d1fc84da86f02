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

    public string? Model { get; set; }

    /// <summary>A string (one user message) or a list of input items.</summary>
    public ResponseInput? Input { get; set; }

    public string? Instructions { get; set; }

    /// <summary>Continue from this response (its output and context are kept server-side or in the connection cache).</summary>
    public string? PreviousResponseId { get; set; }

    public bool? Store { get; set; }

    /// <summary>False to warm the connection cache with the input without generating (not in the OpenAPI spec; see the WebSocket guide).</summary>
    public bool? Generate { get; set; }

    public List<Tool>? Tools { get; set; }

    /// <summary>A mode string (<c>"auto"</c>, <c>"none"</c>, <c>"required"</c>) or a tool selection object.</summary>
    public RawJson? ToolChoice { get; set; }

    public bool? ParallelToolCalls { get; set; }

    public int? MaxToolCalls { get; set; }

    public int? MaxOutputTokens { get; set; }

    public List<string>? Include { get; set; }

    public Dictionary<string, string>? Metadata { get; set; }

    public double? Temperature { get; set; }

    public double? TopP { get; set; }

    public int? TopLogprobs { get; set; }

    public Reasoning? Reasoning { get; set; }

    /// <summary>The text output configuration (<c>format</c>, <c>verbosity</c>).</summary>
    public RawJson? Text { get; set; }

    public StringEnum<Truncation>? Truncation { get; set; }

    public StringEnum<ServiceTier>? ServiceTier { get; set; }

    public string? User { get; set; }

    public string? SafetyIdentifier { get; set; }

    public string? PromptCacheKey { get; set; }

    public StringEnum<PromptCacheRetention>? PromptCacheRetention { get; set; }

    public RawJson? PromptCacheOptions { get; set; }

    /// <summary>A prompt template reference (<c>id</c>, <c>version</c>, <c>variables</c>).</summary>
    public RawJson? Prompt { get; set; }

    /// <summary>Not supported over WebSocket; kept for completeness.</summary>
    public bool? Background { get; set; }

    /// <summary>Implicit over WebSocket; the server tolerates it.</summary>
    public bool? Stream { get; set; }

    public RawJson? StreamOptions { get; set; }

    /// <summary>A conversation id or <c>{"id": ...}</c>.</summary>
    public RawJson? Conversation { get; set; }

    public RawJson? ContextManagement { get; set; }

    public RawJson? Moderation { get; set; }

    /// <summary>Members this model does not declare, kept so that decode → encode is lossless.</summary>
    public JsonExtensionData ExtensionData { get; set; }

    /// <summary>
    /// A copy that shares every member's value (lists and nested objects are shared, not copied): a session's request
    /// for one turn, made from its template without naming (and so without ever forgetting) a member.
    /// </summary>
    internal ResponseCreateRequest ShallowCopy() => (ResponseCreateRequest)MemberwiseClone();
}
