namespace ProtocolCore.Requests;

public sealed partial class ResponseCreateRequest
{
    /// <summary>
    /// Sets every member to <paramref name="source"/>'s value (lists and nested objects are shared, as with
    /// <see cref="ShallowCopy"/>) and returns this: a session's one request object, filled from its template each turn
    /// instead of a copy of 500 bytes per turn. A member added to the model must be added here too; a test compares
    /// every property with <see cref="ShallowCopy"/>'s.
    /// </summary>
    internal ResponseCreateRequest CopyFrom(ResponseCreateRequest source)
    {
        StreamId = source.StreamId;
        Model = source.Model;
        Input = source.Input;
        Instructions = source.Instructions;
        PreviousResponseId = source.PreviousResponseId;
        Store = source.Store;
        Generate = source.Generate;
        Tools = source.Tools;
        ToolChoice = source.ToolChoice;
        ParallelToolCalls = source.ParallelToolCalls;
        MaxToolCalls = source.MaxToolCalls;
        MaxOutputTokens = source.MaxOutputTokens;
        Include = source.Include;
        Metadata = source.Metadata;
        Temperature = source.Temperature;
        TopP = source.TopP;
        TopLogprobs = source.TopLogprobs;
        Reasoning = source.Reasoning;
        Text = source.Text;
        Truncation = source.Truncation;
        ServiceTier = source.ServiceTier;
        User = source.User;
        SafetyIdentifier = source.SafetyIdentifier;
        PromptCacheKey = source.PromptCacheKey;
        PromptCacheRetention = source.PromptCacheRetention;
        PromptCacheOptions = source.PromptCacheOptions;
        Prompt = source.Prompt;
        Background = source.Background;
        Stream = source.Stream;
        StreamOptions = source.StreamOptions;
        Conversation = source.Conversation;
        ContextManagement = source.ContextManagement;
        Moderation = source.Moderation;
        ExtensionData = source.ExtensionData;
        return this;
    }
}
