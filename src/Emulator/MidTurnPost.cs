namespace ProtocolCore.Emulator;

/// <summary>What became of a steer or inject posted to a running response (<see cref="RunningResponse.Post"/>).</summary>
internal enum MidTurnPost
{
    /// <summary>Queued: the response takes it at its next check point and answers it in its own stream.</summary>
    Posted,

    /// <summary>The response already holds <see cref="EmulatorOptions.MaxPendingSteers"/> untaken inputs.</summary>
    Full,

    /// <summary>The response has taken its last inputs (it is ending or ended).</summary>
    Closed,
}
