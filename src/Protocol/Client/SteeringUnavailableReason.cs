namespace ProtocolCore.Client;

/// <summary>Why <see cref="ResponsesSession.SteerAsync"/> or <see cref="ResponsesSession.InjectAsync"/> could not send (<see cref="SteeringUnavailableException.Reason"/>).</summary>
public enum SteeringUnavailableReason
{
    /// <summary>No turn is running, or its last response has ended: there is nothing to steer.</summary>
    NoRunningTurn,

    /// <summary>The session is in HTTP mode, which has no client events after the request.</summary>
    HttpMode,

    /// <summary><c>response.inject</c> needs <see cref="ResponsesClientOptions.EnableMultiAgentBeta"/>.</summary>
    MultiAgentBetaNotEnabled,

    /// <summary>The turn ended before the server answered (the steer or inject may or may not have been applied).</summary>
    TurnEnded,
}
