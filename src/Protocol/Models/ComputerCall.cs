using System.Collections.Generic;
using ProtocolCore.Json;

namespace ProtocolCore.Models;

/// <summary><c>computer_call</c> output item.</summary>
[JsonModel(Discriminator = "computer_call")]
public sealed partial class ComputerCall : OutputItem
{
    /// <summary>The item's id, assigned by the API.</summary>
    public string? Id { get; set; }

    /// <summary>
    /// The id that pairs this call with its output item: the <c>computer_call_output</c> that answers it carries the
    /// same <c>call_id</c>.
    /// </summary>
    public string? CallId { get; set; }

    /// <summary>The one action to perform (click, type, screenshot, ...), as JSON.</summary>
    public RawJson? Action { get; set; }

    /// <summary>The actions to perform in order (<c>actions</c>), as a JSON array.</summary>
    public RawJson? Actions { get; set; }

    /// <summary>
    /// The safety checks the caller must acknowledge (in <c>acknowledged_safety_checks</c> of the output) before the
    /// action proceeds.
    /// </summary>
    public List<SafetyCheck>? PendingSafetyChecks { get; set; }

    /// <summary>The item's <c>status</c>: <c>in_progress</c>, <c>completed</c> or <c>incomplete</c>.</summary>
    public StringEnum<ItemStatus>? Status { get; set; }

    /// <summary>Members this model does not declare, kept so that decode → encode is lossless.</summary>
    public JsonExtensionData ExtensionData { get; set; }
}
