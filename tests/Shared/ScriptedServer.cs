using System;
using System.Buffers.Binary;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using ProtocolCore.WebSockets;

namespace ProtocolCore.Tests.Shared;

/// <summary>
/// A raw TCP server on 127.0.0.1 that completes the upgrade and then runs a script against the socket: it can send
/// what no real server library sends (bad frames, pings at chosen moments) and read the client's frames. The
/// script runs on a dedicated thread with synchronous socket calls, so it allocates nothing while it streams.
/// </summary>
public sealed class ScriptedServer : IDisposable
{
    private readonly TcpListener _listener;
    private readonly Thread _thread;
    private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public ScriptedServer(Action<NetworkStream> script)
    {
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start();
        _thread = new Thread(() =>
        {
            try
            {
                using TcpClient client = _listener.AcceptTcpClient();
                client.NoDelay = true;
                NetworkStream stream = client.GetStream();
                stream.ReadTimeout = 30_000;
                stream.WriteTimeout = 30_000;
                Upgrade(stream);
                script(stream);
                _done.TrySetResult();
            }
            catch (Exception e)
            {
                _done.TrySetException(e);
            }
        })
        { IsBackground = true, Name = "ScriptedServer" };
        _thread.Start();
    }

    public Uri Url => new($"ws://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/");

    /// <summary>Completes when the script has run (faults with its exception).</summary>
    public Task Done => _done.Task;

    public static byte[] Frame(WebSocketOpcode opcode, ReadOnlySpan<byte> payload, bool fin = true, byte firstByteExtra = 0, bool masked = false)
    {
        using var output = new MemoryStream();
        output.WriteByte((byte)((fin ? 0x80 : 0) | firstByteExtra | (byte)opcode));
        byte maskBit = masked ? (byte)0x80 : (byte)0;
        if (payload.Length <= 125)
        {
            output.WriteByte((byte)(maskBit | payload.Length));
        }
        else if (payload.Length <= ushort.MaxValue)
        {
            output.WriteByte((byte)(maskBit | 126));
            output.WriteByte((byte)(payload.Length >> 8));
            output.WriteByte((byte)payload.Length);
        }
        else
        {
            output.WriteByte((byte)(maskBit | 127));
            Span<byte> length = stackalloc byte[8];
            BinaryPrimitives.WriteUInt64BigEndian(length, (ulong)payload.Length);
            output.Write(length);
        }

        if (masked)
        {
            // A zero key: the bytes stay readable, but the frame is still masked (and illegal from a server).
            output.Write([0, 0, 0, 0]);
        }

        output.Write(payload);
        return output.ToArray();
    }

    public static byte[] Text(string text, bool fin = true) => Frame(WebSocketOpcode.Text, Encoding.UTF8.GetBytes(text), fin);

    /// <summary>Reads one client frame (masked, as a client must send) and returns its opcode and unmasked payload.</summary>
    public static (WebSocketOpcode Opcode, byte[] Payload) ReadFrame(Stream stream)
    {
        Span<byte> head = stackalloc byte[2];
        stream.ReadExactly(head);
        var opcode = (WebSocketOpcode)(head[0] & 0x0F);
        if ((head[1] & 0x80) == 0)
        {
            throw new InvalidDataException("A client frame was not masked.");
        }

        long length = head[1] & 0x7F;
        if (length == 126)
        {
            Span<byte> extended = stackalloc byte[2];
            stream.ReadExactly(extended);
            length = BinaryPrimitives.ReadUInt16BigEndian(extended);
        }
        else if (length == 127)
        {
            Span<byte> extended = stackalloc byte[8];
            stream.ReadExactly(extended);
            length = (long)BinaryPrimitives.ReadUInt64BigEndian(extended);
        }

        Span<byte> key = stackalloc byte[4];
        stream.ReadExactly(key);
        var payload = new byte[length];
        stream.ReadExactly(payload);
        for (int i = 0; i < payload.Length; i++)
        {
            payload[i] ^= key[i % 4];
        }

        return (opcode, payload);
    }

    /// <summary>Reads client frames until a close and returns its code (1005 for an empty close).</summary>
    public static (int Code, string Reason) ReadClose(Stream stream)
    {
        while (true)
        {
            var (opcode, payload) = ReadFrame(stream);
            if (opcode == WebSocketOpcode.Close)
            {
                return payload.Length < 2
                    ? (1005, string.Empty)
                    : (BinaryPrimitives.ReadUInt16BigEndian(payload), Encoding.UTF8.GetString(payload, 2, payload.Length - 2));
            }
        }
    }

    public void Dispose()
    {
        _listener.Stop();
        _thread.Join(TimeSpan.FromSeconds(10));
    }

    // Once per connection, on the script's own thread: blocking on the shared async handshake costs nothing here.
    private static void Upgrade(NetworkStream stream) => ServerUpgrade.RunAsync(stream, CancellationToken.None).GetAwaiter().GetResult();
}
