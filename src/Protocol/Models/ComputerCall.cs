using System.Collections.Generic;
using ProtocolCore.Json;

namespace ProtocolCore.Models;

/// <summary><c>computer_call</c> output item.</summary>
[JsonModel(Discriminator = "computer_call")]
public sealed partial class ComputerCall : OutputItem
{
    public string? Id { get; set; }

    public string? CallId { get; set; }

    public RawJson? Action { get; set; }

    public RawJson? Actions { get; set; }

    public List<SafetyCheck>? PendingSafetyChecks { get; set; }

    public StringEnum<ItemStatus>? Status { get; set; }

    /// <summary>Members this model does not declare, kept so that decode → encode is lossless.</summary>
    public JsonExtensionData ExtensionData { get; set; }
}
