using System;
using System.IO;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using ProtocolCore.WebSockets;

namespace ProtocolCore.Tests.Shared;

/// <summary>
/// The server side of the opening handshake for the tests' raw scripted servers: reads the client's upgrade request
/// byte by byte (so nothing after its blank line is consumed) and answers 101 with the matching accept key.
/// </summary>
internal static class ServerUpgrade
{
    public static async Task RunAsync(Stream stream, CancellationToken cancellationToken)
    {
        var request = new StringBuilder();
        var one = new byte[1];
        while (!request.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal))
        {
            if (await stream.ReadAsync(one, cancellationToken).ConfigureAwait(false) == 0)
            {
                throw new EndOfStreamException("The client closed during the upgrade.");
            }

            request.Append((char)one[0]);
        }

        string key = string.Empty;
        foreach (string line in request.ToString().Split("\r\n"))
        {
            if (line.StartsWith("Sec-WebSocket-Key:", StringComparison.OrdinalIgnoreCase))
            {
                key = line["Sec-WebSocket-Key:".Length..].Trim();
            }
        }

        string response = "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
            + $"Sec-WebSocket-Accept: {WebSocketHandshake.ComputeAcceptKey(key)}\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(response), cancellationToken).ConfigureAwait(false);
    }
}
