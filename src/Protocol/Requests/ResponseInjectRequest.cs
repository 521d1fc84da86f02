using ProtocolCore.Json;
using ProtocolCore.Models;

namespace ProtocolCore.Requests;

/// <summary>
/// The beta client event <c>response.inject</c> (<c>OpenAI-Beta: responses_multi_agent=v1</c>): adds input to a running
/// response without ending it. The field names follow its answers, <c>response.inject.created</c>/<c>.failed</c>.
/// </summary>
[JsonModel(Discriminator = "response.inject")]
public sealed partial class ResponseInjectRequest
{
    /// <summary>The running response to add the input to.</summary>
    public string? ResponseId { get; set; }

    /// <summary>A string or a list of input items.</summary>
    public ResponseInput? Input { get; set; }

    /// <summary>The lane of the running response, when it has one.</summary>
    public string? StreamId { get; set; }

    /// <summary>Members this model does not declare, kept so that decode → encode is lossless.</summary>
    public JsonExtensionData ExtensionData { get; set; }
}
