namespace ProtocolCore.Client;

/// <summary>How the server answered a <c>response.steer</c> (<see cref="SteerResult.Status"/>).</summary>
public enum SteerStatus
{
    /// <summary><c>response.steer.accepted</c>: the input joins the running response, which ends <c>incomplete</c> (<c>steered</c>) and hands over to a successor on the same turn.</summary>
    Accepted,

    /// <summary><c>response.steer.pending</c>: the steer waits for input first (<see cref="SteerResult.RequiredInput"/>); its items are not in the conversation.</summary>
    Pending,

    /// <summary><c>response.steer.failed</c>: the steer was rejected (<see cref="SteerResult.ErrorCode"/>); its items are not in the conversation.</summary>
    Failed,
}
