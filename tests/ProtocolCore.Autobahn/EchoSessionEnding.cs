namespace ProtocolCore.Autobahn;

/// <summary>How one echo session (one Autobahn case) ended, as seen by the client under test.</summary>
internal enum EchoSessionEnding
{
    /// <summary>The server closed the connection with a close frame.</summary>
    ServerClosed,

    /// <summary>
    /// The client failed the connection with a typed error (a protocol violation, a drop): the expected outcome of
    /// the bad-frame cases, which the suite then judges by the close code on the wire.
    /// </summary>
    ClientFailed,

    /// <summary>The per-case hang guard fired: the session was aborted.</summary>
    HangGuard,

    /// <summary>The client threw something other than its typed errors: a bug in the client, never expected.</summary>
    UntypedException,
}
