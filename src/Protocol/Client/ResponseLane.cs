using System.Threading;

namespace ProtocolCore.Client;

/// <summary>
/// A <c>stream_id</c> lane of a connection: its FIFO of requests (<see cref="Gate"/>, one response in flight at a time,
/// like the server) and that response, if any (guarded by the <see cref="ReadTurnRouter"/>'s lock).
/// </summary>
internal sealed class ResponseLane
{
    public SemaphoreSlim Gate { get; } = new(1, 1);

    /// <summary>The response in flight: armed before its request is sent, cleared by its terminal event or its end.</summary>
    public PendingResponse? Active { get; set; }

    /// <summary>The lane's last response, released by its caller and armed again for the next one (guarded like <see cref="Active"/>).</summary>
    public PendingResponse? Spare { get; set; }

    /// <summary>
    /// The lane's last response stream, given back by the library caller that disposed it and bound again to the lane's
    /// next request (taken and given back atomically: a field, not under the router's lock).
    /// </summary>
    public ResponsesConnection.ResponseStream? SpareStream;
}
