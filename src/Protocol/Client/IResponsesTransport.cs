using System.Collections.Generic;
using System.Threading;
using ProtocolCore.Events;
using ProtocolCore.Requests;

namespace ProtocolCore.Client;

/// <summary>One way to run a request and stream its events: a WebSocket connection or HTTP mode.</summary>
internal interface IResponsesTransport
{
    long BytesSent { get; }

    long BytesReceived { get; }

    /// <summary>The request id and rate limits the server last sent on this transport (the upgrade's, or the last HTTP response's).</summary>
    ResponsesServerHeaders? ServerHeaders { get; }

    /// <summary>Sends the request and yields its events: owned, or views into <paramref name="views"/> (valid until the next one) when it is not null.</summary>
    IAsyncEnumerable<ResponsesEvent> SendAsync(ResponseCreateRequest request, TurnViewReader? views, CancellationToken cancellationToken);
}
