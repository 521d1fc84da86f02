using System;
using System.Buffers;
using System.Net.WebSockets;
using System.Threading;
using System.Threading.Tasks;
using ProtocolCore.WebSockets;

namespace ProtocolCore.Benchmarks.WebSockets;

/// <summary>The two receive loops the receive benchmarks time, over the same recorded bytes.</summary>
internal static class ReceiveLoops
{
    /// <summary>Our pure frame reader + assembler over one sequence; returns the payload bytes of whole messages.</summary>
    public static long ProtocolCore(byte[] wire, WebSocketMessageAssembler assembler)
    {
        var buffer = new ReadOnlySequence<byte>(wire);
        long bytes = 0;
        while (!buffer.IsEmpty)
        {
            FrameParseStatus status = WebSocketFrameReader.TryReadFrame(buffer, WebSocketFrameReaderOptions.Client, out WebSocketFrame frame, out SequencePosition consumed, out _, out _);
            if (status != FrameParseStatus.Complete)
            {
                throw new InvalidOperationException("Bad benchmark input.");
            }

            if (assembler.TryAdd(frame, out WebSocketMessage message, out _) == MessageAssemblyStatus.Message)
            {
                bytes += message.Payload.Length;
            }

            buffer = buffer.Slice(consumed);
        }

        return bytes;
    }

    /// <summary>
    /// The same bytes through <see cref="WebSocketConnectionCore.Receive"/>, the path <see cref="WebSocketConnection"/>'s
    /// receive loop and the native codec take: the reader and assembler plus the connection rules around them.
    /// </summary>
    public static long ConnectionCore(byte[] wire, WebSocketConnectionCore core)
    {
        var buffer = new ReadOnlySequence<byte>(wire);
        long bytes = 0;
        while (true)
        {
            WebSocketConnectionEvent received = core.Receive(buffer, out WebSocketMessage message, out SequencePosition consumed);
            if (received == WebSocketConnectionEvent.NeedMoreData && buffer.Slice(consumed).IsEmpty)
            {
                return bytes;
            }

            if (received != WebSocketConnectionEvent.Message)
            {
                throw new InvalidOperationException("Bad benchmark input.");
            }

            bytes += message.Payload.Length;
            buffer = buffer.Slice(consumed);
        }
    }

    /// <summary>ManagedWebSocket over a replay of the same bytes, receiving <paramref name="messages"/> whole messages.</summary>
    public static async Task<long> ManagedWebSocketAsync(byte[] wire, byte[] receiveBuffer, int messages)
    {
        using var socket = WebSocket.CreateFromStream(
            new ReplayStream(wire),
            new WebSocketCreationOptions { IsServer = false, KeepAliveInterval = TimeSpan.Zero });
        long bytes = 0;
        for (int i = 0; i < messages; i++)
        {
            ValueWebSocketReceiveResult result;
            do
            {
                result = await socket.ReceiveAsync(receiveBuffer.AsMemory(), CancellationToken.None).ConfigureAwait(false);
                bytes += result.Count;
            }
            while (!result.EndOfMessage);
        }

        return bytes;
    }
}
