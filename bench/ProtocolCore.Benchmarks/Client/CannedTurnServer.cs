using System;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Threading;

namespace ProtocolCore.Benchmarks.Client;

/// <summary>
/// A loopback WebSocket server that answers every client text frame with the same pre-framed turn (all of a recorded
/// response's events, one write). Blocking sockets on one dedicated thread per connection: the cheapest possible server,
/// so the per-turn figures are the client's work plus the loopback round trip. Pings are answered; a close ends the
/// connection. With <c>handshake: false</c> it skips the HTTP upgrade, for the raw-socket floor. The turn goes out in one
/// write, or one write per frame as a server streaming events as they are generated does, optionally
/// <c>pace</c> apart (a model generating tokens).
/// </summary>
internal sealed class CannedTurnServer : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly byte[][] _frames;
    private readonly byte[] _turn;
    private readonly bool _handshake;
    private readonly bool _writePerFrame;
    private long _paceTicks;
    private readonly Thread _acceptThread;

    /// <summary>The gap between events when writing one per frame; may change between turns (e.g. after a warm-up).</summary>
    public TimeSpan Pace
    {
        get => TimeSpan.FromTicks(Volatile.Read(ref _paceTicks));
        set => Volatile.Write(ref _paceTicks, value.Ticks);
    }

    public CannedTurnServer(byte[][] frames, bool handshake, bool writePerFrame, TimeSpan pace = default)
    {
        Pace = pace;
        _frames = frames;
        _turn = [.. frames.SelectMany(f => f)];
        _handshake = handshake;
        _writePerFrame = writePerFrame;
        _listener.Start();
        _acceptThread = new Thread(AcceptLoop) { IsBackground = true, Name = "canned-turn-accept" };
        _acceptThread.Start();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public Uri BaseUrl => new($"http://127.0.0.1:{Port}/v1/");

    public void Dispose() => _listener.Stop();

    private void AcceptLoop()
    {
        while (true)
        {
            Socket client;
            try
            {
                client = _listener.AcceptSocket();
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            client.NoDelay = true;
            new Thread(() => Serve(client)) { IsBackground = true, Name = "canned-turn-connection" }.Start();
        }
    }

    private void Serve(Socket socket)
    {
        using (socket)
        {
            try
            {
                if (_handshake)
                {
                    Upgrade(socket);
                }

                byte[] header = new byte[14];
                byte[] payload = new byte[64 * 1024];
                Span<byte> mask = stackalloc byte[4];
                while (true)
                {
                    ReadExactly(socket, header.AsSpan(0, 2));
                    int opcode = header[0] & 0x0F;
                    long length = header[1] & 0x7F;
                    if (length == 126)
                    {
                        ReadExactly(socket, header.AsSpan(2, 2));
                        length = (header[2] << 8) | header[3];
                    }
                    else if (length == 127)
                    {
                        ReadExactly(socket, header.AsSpan(2, 8));
                        length = (long)System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(header.AsSpan(2, 8));
                    }

                    if ((header[1] & 0x80) != 0)
                    {
                        ReadExactly(socket, mask);
                    }

                    if (payload.Length < length)
                    {
                        payload = new byte[length];
                    }

                    ReadExactly(socket, payload.AsSpan(0, (int)length));
                    switch (opcode)
                    {
                        case 0x8:
                            socket.Send([0x88, 0x00]);
                            return;
                        case 0x9:
                            // A pong echoes the ping's payload, unmasked.
                            for (int i = 0; i < length; i++)
                            {
                                payload[i] ^= mask[i & 3];
                            }

                            byte[] pong = new byte[2 + length];
                            pong[0] = 0x8A;
                            pong[1] = (byte)length;
                            payload.AsSpan(0, (int)length).CopyTo(pong.AsSpan(2));
                            socket.Send(pong);
                            break;
                        case 0xA:
                            break;
                        default:
                            if (_writePerFrame)
                            {
                                TimeSpan pace = Pace;
                                foreach (byte[] frame in _frames)
                                {
                                    socket.Send(frame);
                                    if (pace > TimeSpan.Zero)
                                    {
                                        Thread.Sleep(pace);
                                    }
                                }
                            }
                            else
                            {
                                socket.Send(_turn);
                            }

                            break;
                    }
                }
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException or EndOfStreamException)
            {
                // The client went away.
            }
        }
    }

    private static void Upgrade(Socket socket)
    {
        byte[] buffer = new byte[8192];
        int length = 0;
        while (true)
        {
            int read = socket.Receive(buffer, length, buffer.Length - length, SocketFlags.None);
            if (read == 0)
            {
                throw new EndOfStreamException();
            }

            length += read;
            if (buffer.AsSpan(0, length).IndexOf("\r\n\r\n"u8) >= 0)
            {
                break;
            }
        }

        string request = Encoding.ASCII.GetString(buffer, 0, length);
        const string KeyHeader = "Sec-WebSocket-Key:";
        int start = request.IndexOf(KeyHeader, StringComparison.OrdinalIgnoreCase) + KeyHeader.Length;
        string key = request[start..request.IndexOf('\r', start)].Trim();
        string accept = Convert.ToBase64String(SHA1.HashData(Encoding.ASCII.GetBytes(key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11")));
        socket.Send(Encoding.ASCII.GetBytes(
            $"HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: {accept}\r\n\r\n"));
    }

    private static void ReadExactly(Socket socket, Span<byte> destination)
    {
        while (!destination.IsEmpty)
        {
            int read = socket.Receive(destination);
            if (read == 0)
            {
                throw new EndOfStreamException();
            }

            destination = destination[read..];
        }
    }
}
