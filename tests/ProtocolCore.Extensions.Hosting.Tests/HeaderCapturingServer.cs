using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace ProtocolCore.Extensions.Hosting.Tests;

/// <summary>
/// A loopback HTTP/1.1 server that records every request head and refuses everything, echoing <see cref="Echo"/> the
/// way a server that rejects a key does: the WebSocket upgrade (GET) gets 503 and the HTTP-mode POST 401, both with a
/// JSON error body and a <c>WWW-Authenticate</c> header carrying the echo.
/// </summary>
internal sealed class HeaderCapturingServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;

    private HeaderCapturingServer(string echo)
    {
        Echo = echo;
        _listener.Start();
        _accepting = AcceptAsync();
    }

    /// <summary>The text put into every refusal.</summary>
    public string Echo { get; }

    public Uri BaseUrl => new($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/v1/");

    /// <summary>The request heads received, in order (request line and headers).</summary>
    public ConcurrentQueue<string> Heads { get; } = new();

    public static HeaderCapturingServer Start(string echo) => new(echo);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await _accepting;
        }
        catch (Exception)
        {
            // Stopping the listener ends the accept loop with an exception.
        }

        _stop.Dispose();
    }

    /// <summary>The value of header <paramref name="name"/> in <paramref name="head"/>, if present.</summary>
    public static string? Header(string head, string name)
    {
        foreach (string line in head.Split("\r\n"))
        {
            int colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0 && line.AsSpan(0, colon).Trim().Equals(name, StringComparison.OrdinalIgnoreCase))
            {
                return line[(colon + 1)..].Trim();
            }
        }

        return null;
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client = await _listener.AcceptTcpClientAsync(_stop.Token);
            _ = Task.Run(() => AnswerAsync(client));
        }
    }

    private async Task AnswerAsync(TcpClient client)
    {
        using (client)
        {
            NetworkStream stream = client.GetStream();
            var received = new List<byte>();
            var buffer = new byte[4096];
            int headEnd;
            while ((headEnd = IndexOfHeadEnd(received)) < 0)
            {
                int read = await stream.ReadAsync(buffer, _stop.Token);
                if (read == 0 || received.Count > 64 * 1024)
                {
                    return;
                }

                received.AddRange(buffer.AsSpan(0, read));
            }

            string head = Encoding.ASCII.GetString(received.ToArray(), 0, headEnd);
            Heads.Enqueue(head);
            if (Header(head, "Content-Length") is { } length)
            {
                int remaining = int.Parse(length, CultureInfo.InvariantCulture) - (received.Count - headEnd - 4);
                while (remaining > 0)
                {
                    int read = await stream.ReadAsync(buffer.AsMemory(0, Math.Min(buffer.Length, remaining)), _stop.Token);
                    if (read == 0)
                    {
                        break;
                    }

                    remaining -= read;
                }
            }

            bool upgrade = head.StartsWith("GET ", StringComparison.Ordinal);
            string body = $"{{\"error\":{{\"message\":\"Incorrect API key provided: {Echo}.\",\"type\":\"invalid_request_error\",\"param\":null,\"code\":\"invalid_api_key\"}}}}";
            string status = upgrade ? "503 Service Unavailable" : "401 Unauthorized";
            string response = $"HTTP/1.1 {status}\r\nContent-Type: application/json\r\nWWW-Authenticate: Bearer error=\"{Echo}\"\r\n" +
                $"Content-Length: {Encoding.UTF8.GetByteCount(body)}\r\nConnection: close\r\n\r\n{body}";
            await stream.WriteAsync(Encoding.UTF8.GetBytes(response), _stop.Token);
            await stream.FlushAsync(_stop.Token);
        }
    }

    private static int IndexOfHeadEnd(List<byte> bytes)
    {
        for (int i = 3; i < bytes.Count; i++)
        {
            if (bytes[i - 3] == '\r' && bytes[i - 2] == '\n' && bytes[i - 1] == '\r' && bytes[i] == '\n')
            {
                return i - 3;
            }
        }

        return -1;
    }
}
