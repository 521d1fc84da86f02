using System.Collections.Generic;
using System.Threading.Tasks;

namespace ProtocolCore.Client;

/// <summary>
/// One <c>response.steer</c> or <c>response.inject</c> sent into a running turn, waiting for its answer: the turn's
/// reader completes it when the answer event passes through (<see cref="TurnSteering.Observe"/>), or fails it when the
/// turn ends first. The sender only awaits it; it never reads the socket.
/// </summary>
internal sealed class MidTurnTicket(bool inject, string responseId, ResponsesConnection connection, List<Models.InputItem> items)
{
    /// <summary>True for <c>response.inject</c>, false for <c>response.steer</c>.</summary>
    public bool Inject { get; } = inject;

    /// <summary>The running response it addresses.</summary>
    public string ResponseId { get; } = responseId;

    /// <summary>The connection that response runs on (the steer goes out on it).</summary>
    public ResponsesConnection Connection { get; } = connection;

    /// <summary>The items sent; an accepted steer's join the conversation after the steered response's output.</summary>
    public List<Models.InputItem> Items { get; } = items;

    /// <summary>Set by the reader: a <see cref="SteerResult"/> or an <see cref="InjectResult"/>.</summary>
    public TaskCompletionSource<object> Answer { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}
