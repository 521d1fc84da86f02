namespace ProtocolCore.Client;

/// <summary>
/// The names and values the client's telemetry takes from the OpenTelemetry semantic conventions for generative AI
/// (the current development version: <c>gen_ai.provider.name</c>, not the older <c>gen_ai.system</c>), and the
/// <c>protocolcore.*</c> attributes that are ours. docs/telemetry.md lists every one.
/// </summary>
internal static class GenAIConventions
{
    public const string OperationName = "gen_ai.operation.name";
    public const string ProviderName = "gen_ai.provider.name";
    public const string RequestModel = "gen_ai.request.model";
    public const string RequestMaxTokens = "gen_ai.request.max_tokens";
    public const string RequestTemperature = "gen_ai.request.temperature";
    public const string RequestTopP = "gen_ai.request.top_p";
    public const string RequestStream = "gen_ai.request.stream";
    public const string ResponseId = "gen_ai.response.id";
    public const string ResponseModel = "gen_ai.response.model";
    public const string ResponseFinishReasons = "gen_ai.response.finish_reasons";
    public const string ResponseTimeToFirstChunk = "gen_ai.response.time_to_first_chunk";
    public const string ConversationId = "gen_ai.conversation.id";
    public const string UsageInputTokens = "gen_ai.usage.input_tokens";
    public const string UsageOutputTokens = "gen_ai.usage.output_tokens";
    public const string UsageCacheReadInputTokens = "gen_ai.usage.cache_read.input_tokens";
    public const string UsageCacheCreationInputTokens = "gen_ai.usage.cache_creation.input_tokens";
    public const string UsageReasoningOutputTokens = "gen_ai.usage.reasoning.output_tokens";
    public const string TokenType = "gen_ai.token.type";
    public const string ToolName = "gen_ai.tool.name";
    public const string ToolCallId = "gen_ai.tool.call.id";
    public const string ToolType = "gen_ai.tool.type";
    public const string OpenAIApiType = "openai.api.type";
    public const string OpenAIRequestServiceTier = "openai.request.service_tier";
    public const string OpenAIResponseServiceTier = "openai.response.service_tier";
    public const string ServerAddress = "server.address";
    public const string ServerPort = "server.port";
    public const string ErrorType = "error.type";

    public const string ChatOperation = "chat";
    public const string ExecuteToolOperation = "execute_tool";
    public const string OpenAIProvider = "openai";
    public const string ResponsesApi = "responses";
    public const string InputTokenType = "input";
    public const string OutputTokenType = "output";
    public const string FunctionToolType = "function";

    /// <summary>The convention's fallback <c>error.type</c> when nothing names the error better.</summary>
    public const string OtherError = "_OTHER";

    public const string OperationDurationMetric = "gen_ai.client.operation.duration";
    public const string TokenUsageMetric = "gen_ai.client.token.usage";
    public const string TimeToFirstChunkMetric = "gen_ai.client.operation.time_to_first_chunk";

    public const string Mode = "protocolcore.mode";
    public const string FullContext = "protocolcore.full_context";
    public const string Retries = "protocolcore.retries";
    public const string Reconnects = "protocolcore.reconnects";
    public const string PreviousResponseId = "protocolcore.previous_response_id";
    public const string BytesSent = "protocolcore.bytes_sent";
    public const string BytesReceived = "protocolcore.bytes_received";
    public const string ServerRequestId = "protocolcore.server.request_id";
    public const string RateLimitRemainingRequests = "protocolcore.ratelimit.remaining_requests";
    public const string RateLimitRemainingTokens = "protocolcore.ratelimit.remaining_tokens";

    /// <summary>The convention's advice for durations in seconds (operation duration, time to first chunk).</summary>
    public static double[] SecondsBuckets { get; } = [0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56, 5.12, 10.24, 20.48, 40.96, 81.92];

    /// <summary>The convention's advice for token counts.</summary>
    public static int[] TokenBuckets { get; } = [1, 4, 16, 64, 256, 1024, 4096, 16384, 65536, 262144, 1048576, 4194304, 16777216, 67108864];
}
