namespace ProtocolCore.Client;

/// <summary>
/// A session's ledger over every transport it used: the bytes of the connections it has let go, the byte counts of the
/// one it uses now (from when it took it: a pooled or shared connection's earlier traffic is not this session's), HTTP
/// mode's, and the connections opened, replaced and rotated. One per session, kept across a fallback to HTTP mode.
/// </summary>
internal sealed class SessionTraffic
{
    private long _sentClosed;
    private long _receivedClosed;
    private long _sentBase;
    private long _receivedBase;

    /// <summary>The WebSocket connection in use, if any.</summary>
    public ResponsesConnection? Connection { get; private set; }

    /// <summary>HTTP mode's transport, once the session used it.</summary>
    public ResponsesHttpTransport? Http { get; set; }

    public int Connects { get; private set; }

    public int Reconnects { get; private set; }

    public int Rotations { get; private set; }

    public long BytesSent => _sentClosed + (Connection is { } c ? c.BytesSent - _sentBase : 0) + (Http?.BytesSent ?? 0);

    public long BytesReceived => _receivedClosed + (Connection is { } c ? c.BytesReceived - _receivedBase : 0) + (Http?.BytesReceived ?? 0);

    /// <summary>Makes <paramref name="connection"/> the one in use; its byte counts so far are not this session's.</summary>
    public void Attach(ResponsesConnection connection)
    {
        Connection = connection;
        _sentBase = connection.BytesSent;
        _receivedBase = connection.BytesReceived;
    }

    /// <summary>Books the connection in use to this session and stops counting it.</summary>
    public void Detach()
    {
        if (Connection is { } connection)
        {
            _sentClosed += connection.BytesSent - _sentBase;
            _receivedClosed += connection.BytesReceived - _receivedBase;
            Connection = null;
        }
    }

    /// <summary>The session took up the connection it shares with others (not opened by it, so it replaces none).</summary>
    public void CountSharedAttach() => Connects++;

    /// <summary>The session opened a connection of its own; every one after the first replaces another.</summary>
    public void CountConnect()
    {
        if (Connects++ > 0)
        {
            Reconnects++;
            ResponsesClientDiagnostics.Reconnects.Add(1);
        }
    }

    /// <summary>An open connection was replaced before the age limit (counted as a reconnect when its successor opens).</summary>
    public void CountRotation() => Rotations++;
}
