namespace ProtocolCore.Scale;

/// <summary>The user message every turn sends (the server answers any <c>response.create</c> the same way).</summary>
internal static class ScaleRequest
{
    public const string Prompt = "What is the weather in Paris today? Answer in one sentence.";
}
