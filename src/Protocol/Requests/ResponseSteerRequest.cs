using ProtocolCore.Json;
using ProtocolCore.Models;

namespace ProtocolCore.Requests;

/// <summary>The client event <c>response.steer</c>: adds input to a response that is still running (mid-turn steering; a later addition, not in the 2026-08-21 spec).</summary>
[JsonModel(Discriminator = "response.steer")]
public sealed partial class ResponseSteerRequest
{
    /// <summary>The running response to steer.</summary>
    public string? PreviousResponseId { get; set; }

    /// <summary>A string or a list of input items.</summary>
    public ResponseInput? Input { get; set; }

    /// <summary>Members this model does not declare, kept so that decode → encode is lossless.</summary>
    public JsonExtensionData ExtensionData { get; set; }
}
