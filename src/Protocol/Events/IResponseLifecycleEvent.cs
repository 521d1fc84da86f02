using ProtocolCore.Models;

namespace ProtocolCore.Events;

/// <summary>
/// An event that carries the whole <see cref="Models.Response"/> (<c>response.created</c>, <c>.in_progress</c>,
/// <c>.queued</c>, <c>.completed</c>, <c>.failed</c>, <c>.incomplete</c>, <c>.done</c>), so a client can track status
/// and the chaining id without matching each type.
/// </summary>
public interface IResponseLifecycleEvent
{
    /// <summary>The response as of this event.</summary>
    Response? Response { get; }
}
