namespace ProtocolCore.Client;

/// <summary>
/// <see cref="ResponsesSession.SteerAsync"/> or <see cref="ResponsesSession.InjectAsync"/> had no running response to
/// address, or no answer came before the turn ended; <see cref="Reason"/> says which.
/// </summary>
public sealed class SteeringUnavailableException : ProtocolCoreException
{
    /// <param name="reason">Why the steer or inject could not be sent or answered.</param>
    /// <param name="message">The message.</param>
    public SteeringUnavailableException(SteeringUnavailableReason reason, string message)
        : base(message)
    {
        Reason = reason;
    }

    /// <summary>Why the steer or inject could not be sent or answered.</summary>
    public SteeringUnavailableReason Reason { get; }
}
