using System;
using System.Buffers.Binary;
using System.Diagnostics;
using System.IO;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace ProtocolCore.Scale.Server;

/// <summary>
/// One client connection of <see cref="PacedServer"/>: the RFC 6455 upgrade, then every text frame from the client
/// (a <c>response.create</c>) is answered with one <see cref="ScaleTurn"/>, its writes <c>pace</c> apart measured from
/// the turn's start (so the pacing does not drift with the timer's lateness), each stamped just before its send.
/// Connections whose path starts with <c>/warmup/</c> get their turns 1 ms apart and uncounted, for the clients' JIT
/// warm-up.
/// </summary>
internal sealed class ServerConnection
{
    /// <summary>
    /// The warm-up's pace: short, yet long enough that each write arrives on its own and the client's reads complete
    /// asynchronously as in the timed phase; unpaced turns arrive in one read and leave those paths cold.
    /// </summary>
    private static readonly TimeSpan WarmupPace = TimeSpan.FromMilliseconds(1);

    private readonly Socket _socket;
    private readonly ScaleTurn _turn;
    private readonly TimeSpan _pace;
    private readonly ServerCounters _counters;
    private readonly int _id;
    private readonly byte[] _sendBuffer;
    private byte[] _receiveBuffer = new byte[16 * 1024];
    private int _received;
    private long _turnNumber;
    private string? _lastResponseId;

    public ServerConnection(Socket socket, ScaleTurn turn, TimeSpan pace, ServerCounters counters, int id)
    {
        _socket = socket;
        _turn = turn;
        _pace = pace;
        _counters = counters;
        _id = id;
        int largestWrite = 0;
        foreach (int[] write in turn.Writes)
        {
            int size = 0;
            foreach (int frame in write)
            {
                size += turn.Frames[frame].Bytes.Length;
            }

            largestWrite = Math.Max(largestWrite, size);
        }

        _sendBuffer = new byte[largestWrite];
    }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using (_socket)
        {
            try
            {
                bool paced = await UpgradeAsync(cancellationToken).ConfigureAwait(false);
                if (paced)
                {
                    _counters.Connected();
                }
                while (true)
                {
                    (int opcode, int payloadStart, int payloadLength) = await ReadFrameAsync(cancellationToken).ConfigureAwait(false);
                    switch (opcode)
                    {
                        case 0x8:
                            await _socket.SendAsync(new byte[] { 0x88, 0x00 }, SocketFlags.None, cancellationToken).ConfigureAwait(false);
                            return;
                        case 0x9:
                            byte[] pong = new byte[2 + payloadLength];
                            pong[0] = 0x8A;
                            pong[1] = (byte)payloadLength;
                            _receiveBuffer.AsSpan(payloadStart, payloadLength).CopyTo(pong.AsSpan(2));
                            await _socket.SendAsync(pong, SocketFlags.None, cancellationToken).ConfigureAwait(false);
                            break;
                        case 0x1:
                            CheckChain(_receiveBuffer.AsSpan(payloadStart, payloadLength));
                            await SendTurnAsync(paced, cancellationToken).ConfigureAwait(false);
                            break;
                    }

                    Consume(payloadStart + payloadLength);
                }
            }
            catch (Exception e) when (e is SocketException or IOException or OperationCanceledException or ObjectDisposedException)
            {
                // The client went away, or the server is stopping.
            }
        }
    }

    private async Task SendTurnAsync(bool paced, CancellationToken cancellationToken)
    {
        // Only paced turns count: the runner compares them with what the client received after its warm-up.
        TimeSpan pace = paced ? _pace : WarmupPace;
        if (paced)
        {
            _counters.TurnStarted();
        }

        long turn = ++_turnNumber;
        byte[] id = new byte[_turn.IdLength];
        _turn.WriteResponseId(id, _id, turn);
        _lastResponseId = Encoding.ASCII.GetString(id);
        long start = Stopwatch.GetTimestamp();
        for (int w = 0; w < _turn.Writes.Length; w++)
        {
            if (w > 0 && pace > TimeSpan.Zero)
            {
                TimeSpan due = pace * w - Stopwatch.GetElapsedTime(start);
                if (due > TimeSpan.Zero)
                {
                    await Task.Delay(due, cancellationToken).ConfigureAwait(false);
                }
            }

            int length = 0;
            long stamp = DateTime.UtcNow.Ticks;
            foreach (int index in _turn.Writes[w])
            {
                ScaleFrame frame = _turn.Frames[index];
                Span<byte> destination = _sendBuffer.AsSpan(length, frame.Bytes.Length);
                frame.Bytes.CopyTo(destination);
                foreach (int offset in frame.IdOffsets)
                {
                    id.CopyTo(destination[offset..]);
                }

                for (int i = 0; i < frame.ItemIdTailOffsets.Length; i++)
                {
                    ScaleTurn.WriteItemIdTail(destination.Slice(frame.ItemIdTailOffsets[i], ScaleTurn.ItemIdTailDigits), _id, turn, frame.ItemNumbers[i]);
                }

                if (frame.StampOffset >= 0)
                {
                    ScaleTurn.WriteStamp(destination[frame.StampOffset..], stamp);
                }

                length += frame.Bytes.Length;
            }

            for (int sent = 0; sent < length;)
            {
                sent += await _socket.SendAsync(_sendBuffer.AsMemory(sent, length - sent), SocketFlags.None, cancellationToken).ConfigureAwait(false);
            }

            if (paced)
            {
                _counters.Sent(_turn.Writes[w].Length);
            }
        }
    }

    /// <summary>Counts a <c>previous_response_id</c> that is not this connection's last response (the connection cache's rule).</summary>
    private void CheckChain(ReadOnlySpan<byte> request)
    {
        var reader = new Utf8JsonReader(request);
        reader.Read();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.CurrentDepth == 1 && reader.ValueTextEquals("previous_response_id"u8))
            {
                reader.Read();
                if (reader.TokenType == JsonTokenType.String && reader.GetString() != _lastResponseId)
                {
                    _counters.ChainMissed();
                }

                return;
            }

            reader.Read();
            reader.Skip();
        }
    }

    /// <summary>Reads the HTTP upgrade and answers 101; returns whether the connection's turns are paced.</summary>
    private async Task<bool> UpgradeAsync(CancellationToken cancellationToken)
    {
        int end;
        while ((end = _receiveBuffer.AsSpan(0, _received).IndexOf("\r\n\r\n"u8)) < 0)
        {
            await FillAsync(cancellationToken).ConfigureAwait(false);
        }

        string request = Encoding.ASCII.GetString(_receiveBuffer, 0, end);
        Consume(end + 4);
        const string KeyHeader = "Sec-WebSocket-Key:";
        int keyStart = request.IndexOf(KeyHeader, StringComparison.OrdinalIgnoreCase);
        if (keyStart < 0)
        {
            throw new IOException("Not a WebSocket upgrade.");
        }

        keyStart += KeyHeader.Length;
        int keyEnd = request.IndexOf('\r', keyStart);
        string key = request[keyStart..(keyEnd < 0 ? request.Length : keyEnd)].Trim();
        string accept = Convert.ToBase64String(SHA1.HashData(Encoding.ASCII.GetBytes(key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11")));
        await _socket.SendAsync(Encoding.ASCII.GetBytes(
            $"HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: {accept}\r\n\r\n"),
            SocketFlags.None, cancellationToken).ConfigureAwait(false);
        return !request.StartsWith("GET /warmup/", StringComparison.Ordinal);
    }

    /// <summary>Reads one whole frame into the receive buffer and unmasks it; returns where its payload is.</summary>
    private async Task<(int Opcode, int PayloadStart, int PayloadLength)> ReadFrameAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            if (_received >= 2)
            {
                int header = 2;
                long length = _receiveBuffer[1] & 0x7F;
                bool masked = (_receiveBuffer[1] & 0x80) != 0;
                if (length == 126)
                {
                    header = 4;
                    length = _received >= 4 ? BinaryPrimitives.ReadUInt16BigEndian(_receiveBuffer.AsSpan(2)) : -1;
                }
                else if (length == 127)
                {
                    header = 10;
                    length = _received >= 10 ? (long)BinaryPrimitives.ReadUInt64BigEndian(_receiveBuffer.AsSpan(2)) : -1;
                }

                if (length > 16 * 1024 * 1024)
                {
                    throw new IOException("A client frame over 16 MiB.");
                }

                int maskStart = header;
                header += masked ? 4 : 0;
                if (length >= 0 && _received >= header + length)
                {
                    if (masked)
                    {
                        Span<byte> payload = _receiveBuffer.AsSpan(header, (int)length);
                        for (int i = 0; i < payload.Length; i++)
                        {
                            payload[i] ^= _receiveBuffer[maskStart + (i & 3)];
                        }
                    }

                    return (_receiveBuffer[0] & 0x0F, header, (int)length);
                }

                if (length >= 0 && header + length > _receiveBuffer.Length)
                {
                    Array.Resize(ref _receiveBuffer, (int)(header + length));
                }
            }

            await FillAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task FillAsync(CancellationToken cancellationToken)
    {
        if (_received == _receiveBuffer.Length)
        {
            Array.Resize(ref _receiveBuffer, _receiveBuffer.Length * 2);
        }

        int read = await _socket.ReceiveAsync(_receiveBuffer.AsMemory(_received), SocketFlags.None, cancellationToken).ConfigureAwait(false);
        if (read == 0)
        {
            throw new IOException("The client closed the connection.");
        }

        _received += read;
    }

    private void Consume(int count)
    {
        _receiveBuffer.AsSpan(count, _received - count).CopyTo(_receiveBuffer);
        _received -= count;
    }
}
