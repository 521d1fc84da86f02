using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using ProtocolCore.Tests.Shared;

namespace ProtocolCore.Client.Tests;

/// <summary>
/// A loopback WebSocket server for allocation tests: one connection, served on a thread of its own with blocking socket
/// calls, answering each request frame with the same turn written from byte arrays built before it started. Once the
/// upgrade is done it allocates nothing, so <see cref="GC.GetTotalAllocatedBytes(bool)"/> over a window of the turn
/// counts the client's allocations (and whatever else the process does meanwhile).
/// </summary>
internal sealed class PreEncodedFrameServer : IDisposable
{
    private readonly TcpListener _listener;
    private readonly byte[][] _writes;
    private readonly Thread _thread;
    private readonly byte[] _request = new byte[1 << 20];
    private Socket? _socket;

    /// <summary>Where the last <see cref="RenewedIdDigits"/> hex digits of each id start, per write (empty unless renewed).</summary>
    private readonly int[][] _idTails;

    /// <summary>The hex digits at the end of every id that are rewritten with the turn's number.</summary>
    private const int RenewedIdDigits = 8;

    /// <param name="writes">One turn: each array is one socket write of pre-framed events.</param>
    /// <param name="renewIds">
    /// Give every response and item id (<c>resp_</c>, <c>msg_</c>, <c>rs_</c>, <c>fc_</c> and hex digits) a new tail each
    /// turn, as a live server's ids differ per turn: a client that keeps strings across turns must not find these again.
    /// </param>
    public PreEncodedFrameServer(byte[][] writes, bool renewIds = false)
    {
        _writes = writes;
        _idTails = [.. writes.Select(write => renewIds ? IdTails(write) : [])];
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start();
        _thread = new Thread(Serve) { IsBackground = true, Name = "PreEncodedFrameServer" };
        _thread.Start();
    }

    public Uri BaseUrl => new($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/v1/");

    /// <summary>Requests answered so far.</summary>
    public int Turns { get; private set; }

    /// <summary>What stopped the server other than the client going away (asserted null by tests).</summary>
    public Exception? Failure { get; private set; }

    /// <summary>Frames <paramref name="events"/> as unmasked text frames, <paramref name="perWrite"/> to a write.</summary>
    public static byte[][] Frame(IReadOnlyList<string> events, int perWrite)
    {
        var writes = new List<byte[]>();
        for (int i = 0; i < events.Count; i += perWrite)
        {
            using var output = new MemoryStream();
            for (int j = i; j < Math.Min(events.Count, i + perWrite); j++)
            {
                byte[] payload = Encoding.UTF8.GetBytes(events[j]);
                output.WriteByte(0x81);
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
                    var length = new byte[8];
                    BinaryPrimitives.WriteUInt64BigEndian(length, (ulong)payload.Length);
                    output.Write(length);
                }

                output.Write(payload);
            }

            writes.Add(output.ToArray());
        }

        return [.. writes];
    }

    public void Dispose()
    {
        _listener.Stop();
        _socket?.Dispose();
        _thread.Join(TimeSpan.FromSeconds(10));
    }

    private void Serve()
    {
        try
        {
            _socket = _listener.AcceptSocket();
            _socket.NoDelay = true;
            using (var stream = new NetworkStream(_socket, ownsSocket: false))
            {
                ServerUpgrade.RunAsync(stream, CancellationToken.None).GetAwaiter().GetResult();
            }

            // From here on: blocking calls on pre-allocated arrays only.
            while (ReadRequestFrame())
            {
                for (int w = 0; w < _writes.Length; w++)
                {
                    foreach (int tail in _idTails[w])
                    {
                        WriteHex(_writes[w].AsSpan(tail, RenewedIdDigits), (uint)Turns);
                    }

                    _socket.Send(_writes[w]);
                }

                Turns++;
            }
        }
        catch (Exception e) when (e is SocketException or IOException or ObjectDisposedException)
        {
            // The client (or the test) went away.
        }
        catch (Exception e)
        {
            Failure = e;
        }
    }

    /// <summary>Where each id's last <see cref="RenewedIdDigits"/> digits start in <paramref name="write"/>.</summary>
    private static int[] IdTails(byte[] write)
    {
        string text = Encoding.Latin1.GetString(write);
        return [.. System.Text.RegularExpressions.Regex.Matches(text, "\"(?:resp|msg|rs|fc)_[0-9a-f]{16,}\"")
            .Select(match => match.Index + match.Length - 1 - RenewedIdDigits)];
    }

    private static void WriteHex(Span<byte> destination, uint value)
    {
        for (int i = destination.Length - 1; i >= 0; i--)
        {
            destination[i] = (byte)"0123456789abcdef"[(int)(value & 0xF)];
            value >>= 4;
        }
    }

    /// <summary>Reads client frames until a text frame (a request): true, or a close or the end of the stream: false.</summary>
    private bool ReadRequestFrame()
    {
        while (true)
        {
            if (!ReadExactly(2))
            {
                return false;
            }

            int opcode = _request[0] & 0x0F;
            long length = _request[1] & 0x7F;
            if (length == 126)
            {
                if (!ReadExactly(2))
                {
                    return false;
                }

                length = BinaryPrimitives.ReadUInt16BigEndian(_request);
            }
            else if (length == 127)
            {
                if (!ReadExactly(8))
                {
                    return false;
                }

                length = (long)BinaryPrimitives.ReadUInt64BigEndian(_request);
            }

            // The mask key and the payload: not needed, only consumed.
            if (length > _request.Length - 4 || !ReadExactly(4 + (int)length))
            {
                return false;
            }

            if (opcode == 0x1)
            {
                return true;
            }

            if (opcode == 0x8)
            {
                return false;
            }
        }
    }

    private bool ReadExactly(int count)
    {
        int read = 0;
        while (read < count)
        {
            // Waits for data first: after the async upgrade the socket is non-blocking, and a blocking Receive on it that
            // has to wait allocates an operation and its event (on Unix), which the allocation tests would count as the
            // client's. The timeout lets Dispose end the wait (a closed socket makes Poll throw).
            while (!_socket!.Poll(100_000, SelectMode.SelectRead))
            {
            }

            int n = _socket.Receive(_request, read, count - read, SocketFlags.None);
            if (n == 0)
            {
                return false;
            }

            read += n;
        }

        return true;
    }
}
