using System;
using System.Buffers.Binary;
using System.IO;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using ProtocolCore.WebSockets;

using ProtocolCore.Tests.Shared;

namespace ProtocolCore.Client.Tests;

/// <summary>One accepted connection of a <see cref="ScriptedWebSocketServer"/>: frame reads and writes on its socket.</summary>
internal sealed class ScriptedWebSocketConnection : IDisposable
{
    private readonly Socket _socket;
    private readonly NetworkStream _stream;

    public ScriptedWebSocketConnection(Socket socket, int index, CancellationToken stopping)
    {
        _socket = socket;
        _stream = new NetworkStream(socket, ownsSocket: true);
        Index = index;
        Stopping = stopping;
    }

    /// <summary>The connection's number in accept order, from 0.</summary>
    public int Index { get; }

    public CancellationToken Stopping { get; }

    public Task UpgradeAsync() => ServerUpgrade.RunAsync(_stream, Stopping);

    /// <summary>Reads client frames until a <c>response.create</c> and returns its JSON.</summary>
    public async Task<JsonDocument> ReadRequestAsync()
    {
        while (true)
        {
            (WebSocketOpcode opcode, byte[] payload) = await ReadFrameAsync().ConfigureAwait(false);
            if (opcode == WebSocketOpcode.Text)
            {
                return JsonDocument.Parse(payload);
            }

            if (opcode == WebSocketOpcode.Close)
            {
                throw new EndOfStreamException("The client closed instead of sending a request.");
            }
        }
    }

    /// <summary>Reads client frames until its close frame.</summary>
    public async Task ReadCloseAsync()
    {
        while ((await ReadFrameAsync().ConfigureAwait(false)).Opcode != WebSocketOpcode.Close)
        {
        }
    }

    /// <summary>Sends the events as text frames in one write.</summary>
    public async Task SendAsync(params string[] events)
    {
        using var output = new MemoryStream();
        foreach (string e in events)
        {
            WriteFrame(output, WebSocketOpcode.Text, Encoding.UTF8.GetBytes(e));
        }

        await _stream.WriteAsync(output.ToArray(), Stopping).ConfigureAwait(false);
    }

    /// <summary>Sends a close frame with <paramref name="code"/> (the TCP connection stays open).</summary>
    public async Task SendCloseAsync(int code)
    {
        using var output = new MemoryStream();
        var payload = new byte[2];
        BinaryPrimitives.WriteUInt16BigEndian(payload, (ushort)code);
        WriteFrame(output, WebSocketOpcode.Close, payload);
        await _stream.WriteAsync(output.ToArray(), Stopping).ConfigureAwait(false);
    }

    /// <summary>Resets the TCP connection (RST, no close frame, no FIN).</summary>
    public void Abort()
    {
        _socket.LingerState = new LingerOption(true, 0);
        _socket.Close();
    }

    /// <summary>Waits until the test stops the server, keeping the connection open.</summary>
    public async Task HoldAsync()
    {
        try
        {
            await Task.Delay(Timeout.Infinite, Stopping).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // The test is over.
        }
    }

    public void Dispose() => _stream.Dispose();

    public static string Created(string id, int sequence = 0) =>
        $$$"""{"type":"response.created","sequence_number":{{{sequence}}},"response":{"id":"{{{id}}}","object":"response","status":"in_progress","output":[]}}""";

    public static string Completed(string id, int sequence = 1) =>
        $$$"""{"type":"response.completed","sequence_number":{{{sequence}}},"response":{"id":"{{{id}}}","object":"response","status":"completed","output":[{"type":"message","id":"msg_{{{id}}}","role":"assistant","status":"completed","content":[{"type":"output_text","text":"ok","annotations":[]}]}]}}""";

    private async Task<(WebSocketOpcode Opcode, byte[] Payload)> ReadFrameAsync()
    {
        var head = new byte[2];
        await _stream.ReadExactlyAsync(head, Stopping).ConfigureAwait(false);
        var opcode = (WebSocketOpcode)(head[0] & 0x0F);
        long length = head[1] & 0x7F;
        if (length == 126)
        {
            var extended = new byte[2];
            await _stream.ReadExactlyAsync(extended, Stopping).ConfigureAwait(false);
            length = BinaryPrimitives.ReadUInt16BigEndian(extended);
        }
        else if (length == 127)
        {
            var extended = new byte[8];
            await _stream.ReadExactlyAsync(extended, Stopping).ConfigureAwait(false);
            length = (long)BinaryPrimitives.ReadUInt64BigEndian(extended);
        }

        var key = new byte[4];
        await _stream.ReadExactlyAsync(key, Stopping).ConfigureAwait(false);
        var payload = new byte[length];
        await _stream.ReadExactlyAsync(payload, Stopping).ConfigureAwait(false);
        for (int i = 0; i < payload.Length; i++)
        {
            payload[i] ^= key[i % 4];
        }

        return (opcode, payload);
    }

    private static void WriteFrame(Stream output, WebSocketOpcode opcode, ReadOnlySpan<byte> payload)
    {
        output.WriteByte((byte)(0x80 | (byte)opcode));
        if (payload.Length <= 125)
        {
            output.WriteByte((byte)payload.Length);
        }
        else if (payload.Length <= ushort.MaxValue)
        {
            output.WriteByte(126);
            output.WriteByte((byte)(payload.Length >> 8));
            output.WriteByte((byte)payload.Length);
        }
        else
        {
            output.WriteByte(127);
            Span<byte> length = stackalloc byte[8];
            BinaryPrimitives.WriteUInt64BigEndian(length, (ulong)payload.Length);
            output.Write(length);
        }

        output.Write(payload);
    }
}
