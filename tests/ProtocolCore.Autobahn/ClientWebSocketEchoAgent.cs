using System;
using System.Net.WebSockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace ProtocolCore.Autobahn;

/// <summary>
/// The anchor: the same echo loop on .NET's <see cref="ClientWebSocket"/>, so a report shows both clients side by
/// side from one run of the same server on the same machine.
/// </summary>
internal sealed class ClientWebSocketEchoAgent : EchoAgent
{
    /// <summary>The same 16 MiB bound as our client; ClientWebSocket has no message limit of its own.</summary>
    private const int LargestCaseMessage = 16 * 1024 * 1024;

    private const int InitialBufferSize = 64 * 1024;

    private readonly bool _deflate;

    public ClientWebSocketEchoAgent(string name, bool deflate)
    {
        Name = name;
        _deflate = deflate;
    }

    public override string Name { get; }

    public override async Task<EchoSessionResult> EchoAsync(Uri uri, CancellationToken cancellationToken)
    {
        using ClientWebSocket socket = Create();
        byte[] buffer = new byte[InitialBufferSize];
        int echoed = 0;
        try
        {
            await socket.ConnectAsync(uri, cancellationToken);
            while (true)
            {
                (WebSocketMessageType type, buffer, int length) = await ReceiveMessageAsync(socket, buffer, cancellationToken);
                if (type == WebSocketMessageType.Close)
                {
                    int code = (int)(socket.CloseStatus ?? WebSocketCloseStatus.Empty);
                    if (socket.State == WebSocketState.CloseReceived)
                    {
                        await socket.CloseOutputAsync(socket.CloseStatus ?? WebSocketCloseStatus.NormalClosure, socket.CloseStatusDescription, cancellationToken);
                    }

                    return new EchoSessionResult(EchoSessionEnding.ServerClosed, echoed, $"close {code}");
                }

                await socket.SendAsync(buffer.AsMemory(0, length), type, endOfMessage: true, cancellationToken);
                echoed++;
            }
        }
        catch (WebSocketException e)
        {
            return new EchoSessionResult(EchoSessionEnding.ClientFailed, echoed, $"{e.GetType().Name} ({e.WebSocketErrorCode}): {e.Message}");
        }
    }

    public override async Task<string> ReceiveFirstTextAsync(Uri uri, CancellationToken cancellationToken)
    {
        using ClientWebSocket socket = Create();
        await socket.ConnectAsync(uri, cancellationToken);
        (WebSocketMessageType type, byte[] buffer, int length) = await ReceiveMessageAsync(socket, new byte[InitialBufferSize], cancellationToken);
        if (type != WebSocketMessageType.Text)
        {
            throw new InvalidOperationException($"{uri.AbsolutePath} answered with {type}, not a text message.");
        }

        string text = Encoding.UTF8.GetString(buffer, 0, length);
        await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, null, cancellationToken);
        return text;
    }

    private ClientWebSocket Create()
    {
        var socket = new ClientWebSocket();
        socket.Options.KeepAliveInterval = TimeSpan.Zero;
        socket.Options.Proxy = null;
        if (_deflate)
        {
            socket.Options.DangerousDeflateOptions = new WebSocketDeflateOptions();
        }

        return socket;
    }

    /// <summary>
    /// Reads one whole message into <paramref name="buffer"/> or, when it does not fit, into a larger one, which is
    /// returned for the next message. A message over the 16 MiB bound closes with 1009.
    /// </summary>
    private static async Task<(WebSocketMessageType Type, byte[] Buffer, int Length)> ReceiveMessageAsync(
        ClientWebSocket socket, byte[] buffer, CancellationToken cancellationToken)
    {
        int length = 0;
        while (true)
        {
            if (length == buffer.Length)
            {
                if (length >= LargestCaseMessage)
                {
                    await socket.CloseOutputAsync(WebSocketCloseStatus.MessageTooBig, null, cancellationToken);
                    throw new WebSocketException(WebSocketError.Faulted, "A message is larger than 16 MiB.");
                }

                byte[] larger = new byte[Math.Min(buffer.Length * 2, LargestCaseMessage)];
                buffer.AsSpan(0, length).CopyTo(larger);
                buffer = larger;
            }

            ValueWebSocketReceiveResult result = await socket.ReceiveAsync(buffer.AsMemory(length), cancellationToken);
            length += result.Count;
            if (result.MessageType == WebSocketMessageType.Close || result.EndOfMessage)
            {
                return (result.MessageType, buffer, length);
            }
        }
    }
}
