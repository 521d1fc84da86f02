using System;

namespace ProtocolCore.Scale.Client;

/// <summary>What every session of a client run shares: the server, the turn's shape and the lag probe.</summary>
internal sealed class ScaleSessionContext
{
    public ScaleSessionContext(int port, bool warmup, ScaleTurn turn, LagProbe probe)
    {
        Port = port;
        Turn = turn;
        Probe = probe;
        // The server answers /warmup/ connections 1 ms paced and leaves them out of its counts.
        PathPrefix = warmup ? "/warmup" : "";
    }

    public int Port { get; }

    public string PathPrefix { get; }

    public ScaleTurn Turn { get; }

    public LagProbe Probe { get; }

    /// <summary>The WebSocket endpoint.</summary>
    public Uri WebSocketUri => new($"ws://127.0.0.1:{Port}{PathPrefix}/v1/responses");

    /// <summary>The base URL in the form <c>ResponsesClientOptions.BaseUrl</c> takes.</summary>
    public Uri BaseUrl => new($"http://127.0.0.1:{Port}{PathPrefix}/v1/");
}
