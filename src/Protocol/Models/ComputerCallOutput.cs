using System.Collections.Generic;
using ProtocolCore.Json;

namespace ProtocolCore.Models;

/// <summary><c>computer_call_output</c> output item.</summary>
[JsonModel(Discriminator = "computer_call_output")]
public sealed partial class ComputerCallOutput : OutputItem
{
    /// <summary>The item's id: set by the API on output, optional on input.</summary>
    public string? Id { get; set; }

    /// <summary>The <c>call_id</c> of the <c>computer_call</c> this output answers.</summary>
    public string? CallId { get; set; }

    /// <summary>The pending safety checks of the call that the caller acknowledges.</summary>
    public List<SafetyCheck>? AcknowledgedSafetyChecks { get; set; }

    /// <summary>The screenshot after the action (<c>{"type":"computer_screenshot",...}</c>), as JSON.</summary>
    public RawJson? Output { get; set; }

    /// <summary>
    /// The item's <c>status</c>: <c>in_progress</c>, <c>completed</c>, <c>incomplete</c> or <c>failed</c>.
    /// </summary>
    public StringEnum<ItemStatus>? Status { get; set; }

    /// <summary>The identifier of the actor that created the item; set by the API.</summary>
    public string? CreatedBy { get; set; }

    /// <summary>Members this model does not declare, kept so that decode → encode is lossless.</summary>
    public JsonExtensionData ExtensionData { get; set; }
}
