namespace ProtocolCore.Faults;

/// <summary>How the fault server ends a connection it cuts.</summary>
public enum CutKind
{
    /// <summary>FIN: an orderly TCP close without a WebSocket close frame.</summary>
    Close,

    /// <summary>RST: <c>LingerState(true, 0)</c> then close, which discards whatever was unsent.</summary>
    Reset,

    /// <summary>A WebSocket close frame (1001 going away), then FIN; before the upgrade it is a plain FIN.</summary>
    GoAway,
}
