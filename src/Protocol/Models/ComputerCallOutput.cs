using System.Collections.Generic;
using ProtocolCore.Json;

namespace ProtocolCore.Models;

/// <summary><c>computer_call_output</c> output item.</summary>
[JsonModel(Discriminator = "computer_call_output")]
public sealed partial class ComputerCallOutput : OutputItem
{
    public string? Id { get; set; }

    public string? CallId { get; set; }

    public List<SafetyCheck>? AcknowledgedSafetyChecks { get; set; }

    public RawJson? Output { get; set; }

    public StringEnum<ItemStatus>? Status { get; set; }

    public string? CreatedBy { get; set; }

    /// <summary>Members this model does not declare, kept so that decode → encode is lossless.</summary>
    public JsonExtensionData ExtensionData { get; set; }
}
