using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ProtocolCore.Benchmarks.Anchors;

// The System.Text.Json source-generated anchor: plain POCOs for the benchmarked events, as a typical client would
// write them (JsonElement for members whose shape varies). Deserialised by their known type: no dispatch cost.

public sealed class StjOutputTextDelta
{
    [JsonPropertyName("type")] public string? Type { get; set; }
    [JsonPropertyName("item_id")] public string? ItemId { get; set; }
    [JsonPropertyName("output_index")] public int? OutputIndex { get; set; }
    [JsonPropertyName("content_index")] public int? ContentIndex { get; set; }
    [JsonPropertyName("delta")] public string? Delta { get; set; }
    [JsonPropertyName("sequence_number")] public int? SequenceNumber { get; set; }
    [JsonPropertyName("logprobs")] public List<JsonElement>? Logprobs { get; set; }
    [JsonPropertyName("obfuscation")] public string? Obfuscation { get; set; }
}

public sealed class StjFunctionCallArgumentsDelta
{
    [JsonPropertyName("type")] public string? Type { get; set; }
    [JsonPropertyName("item_id")] public string? ItemId { get; set; }
    [JsonPropertyName("output_index")] public int? OutputIndex { get; set; }
    [JsonPropertyName("delta")] public string? Delta { get; set; }
    [JsonPropertyName("sequence_number")] public int? SequenceNumber { get; set; }
    [JsonPropertyName("obfuscation")] public string? Obfuscation { get; set; }
}

public sealed class StjOutputItemDone
{
    [JsonPropertyName("type")] public string? Type { get; set; }
    [JsonPropertyName("output_index")] public int? OutputIndex { get; set; }
    [JsonPropertyName("sequence_number")] public int? SequenceNumber { get; set; }
    [JsonPropertyName("item")] public StjOutputItem? Item { get; set; }
}

public sealed class StjResponseCompleted
{
    [JsonPropertyName("type")] public string? Type { get; set; }
    [JsonPropertyName("sequence_number")] public int? SequenceNumber { get; set; }
    [JsonPropertyName("response")] public StjResponse? Response { get; set; }
}

public sealed class StjOutputItem
{
    [JsonPropertyName("type")] public string? Type { get; set; }
    [JsonPropertyName("id")] public string? Id { get; set; }
    [JsonPropertyName("status")] public string? Status { get; set; }
    [JsonPropertyName("role")] public string? Role { get; set; }
    [JsonPropertyName("content")] public List<StjContent>? Content { get; set; }
    [JsonPropertyName("name")] public string? Name { get; set; }
    [JsonPropertyName("arguments")] public string? Arguments { get; set; }
    [JsonPropertyName("call_id")] public string? CallId { get; set; }
    [JsonPropertyName("summary")] public List<StjContent>? Summary { get; set; }
    [JsonPropertyName("encrypted_content")] public string? EncryptedContent { get; set; }
}

public sealed class StjContent
{
    [JsonPropertyName("type")] public string? Type { get; set; }
    [JsonPropertyName("text")] public string? Text { get; set; }
    [JsonPropertyName("annotations")] public List<JsonElement>? Annotations { get; set; }
    [JsonPropertyName("logprobs")] public List<JsonElement>? Logprobs { get; set; }
}

public sealed class StjResponse
{
    [JsonPropertyName("id")] public string? Id { get; set; }
    [JsonPropertyName("object")] public string? Object { get; set; }
    [JsonPropertyName("created_at")] public long? CreatedAt { get; set; }
    [JsonPropertyName("status")] public string? Status { get; set; }
    [JsonPropertyName("background")] public bool? Background { get; set; }
    [JsonPropertyName("error")] public JsonElement? Error { get; set; }
    [JsonPropertyName("incomplete_details")] public JsonElement? IncompleteDetails { get; set; }
    [JsonPropertyName("instructions")] public JsonElement? Instructions { get; set; }
    [JsonPropertyName("max_output_tokens")] public int? MaxOutputTokens { get; set; }
    [JsonPropertyName("model")] public string? Model { get; set; }
    [JsonPropertyName("output")] public List<StjOutputItem>? Output { get; set; }
    [JsonPropertyName("parallel_tool_calls")] public bool? ParallelToolCalls { get; set; }
    [JsonPropertyName("previous_response_id")] public string? PreviousResponseId { get; set; }
    [JsonPropertyName("reasoning")] public JsonElement? Reasoning { get; set; }
    [JsonPropertyName("service_tier")] public string? ServiceTier { get; set; }
    [JsonPropertyName("store")] public bool? Store { get; set; }
    [JsonPropertyName("temperature")] public double? Temperature { get; set; }
    [JsonPropertyName("text")] public JsonElement? Text { get; set; }
    [JsonPropertyName("tool_choice")] public JsonElement? ToolChoice { get; set; }
    [JsonPropertyName("tools")] public List<JsonElement>? Tools { get; set; }
    [JsonPropertyName("top_p")] public double? TopP { get; set; }
    [JsonPropertyName("truncation")] public string? Truncation { get; set; }
    [JsonPropertyName("usage")] public StjUsage? Usage { get; set; }
    [JsonPropertyName("user")] public string? User { get; set; }
    [JsonPropertyName("metadata")] public Dictionary<string, string>? Metadata { get; set; }
}

public sealed class StjUsage
{
    [JsonPropertyName("input_tokens")] public int? InputTokens { get; set; }
    [JsonPropertyName("input_tokens_details")] public Dictionary<string, int>? InputTokensDetails { get; set; }
    [JsonPropertyName("output_tokens")] public int? OutputTokens { get; set; }
    [JsonPropertyName("output_tokens_details")] public Dictionary<string, int>? OutputTokensDetails { get; set; }
    [JsonPropertyName("total_tokens")] public int? TotalTokens { get; set; }
}

[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(StjOutputTextDelta))]
[JsonSerializable(typeof(StjFunctionCallArgumentsDelta))]
[JsonSerializable(typeof(StjOutputItemDone))]
[JsonSerializable(typeof(StjResponseCompleted))]
public sealed partial class StjEventsContext : JsonSerializerContext
{
}
