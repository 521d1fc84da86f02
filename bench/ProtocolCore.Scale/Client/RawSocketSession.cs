using System;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace ProtocolCore.Scale.Client;

/// <summary>
/// The floor: a raw socket that upgrades by hand, sends a pre-framed <c>response.create</c> (not chained) and reads
/// the turn as the known sequence of fixed-size frames, checking each header and reading each delta's stamp at its
/// known offset — no WebSocket state machine, no UTF-8 validation, no JSON. It keeps a receive buffer of its own (the
/// floor of CPU, not of memory): rented per turn, as the anchor does, hundreds of turns in flight empty the shared
/// pool and the floor paid for allocations and collections.
/// </summary>
internal sealed class RawSocketSession : ScaleSession
{
    private static readonly byte[] s_request = MaskedTextFrame(Encoding.UTF8.GetBytes(
        $$"""{"type":"response.create","model":"gpt-5","store":false,"input":[{"type":"message","role":"user","content":"{{ScaleRequest.Prompt}}"}]}"""));

    private readonly Socket _socket = new(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
    private byte[] _buffer = new byte[4096];

    public RawSocketSession(ScaleSessionContext context)
        : base(context)
    {
    }

    public override async Task ConnectAsync(CancellationToken cancellationToken)
    {
        await _socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, Context.Port), cancellationToken).ConfigureAwait(false);
        await _socket.SendAsync(Encoding.ASCII.GetBytes(
            $"GET {Context.PathPrefix}/v1/responses HTTP/1.1\r\nHost: 127.0.0.1:{Context.Port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n" +
            "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n"), SocketFlags.None, cancellationToken).ConfigureAwait(false);
        // The server sends nothing after its 101 until asked, so reading up to the blank line takes the response exactly.
        byte[] response = new byte[1024];
        int length = 0;
        while (response.AsSpan(0, length).IndexOf("\r\n\r\n"u8) < 0)
        {
            int read = await _socket.ReceiveAsync(response.AsMemory(length), SocketFlags.None, cancellationToken).ConfigureAwait(false);
            if (read == 0 || (length += read) == response.Length)
            {
                throw new IOException("The upgrade response did not end.");
            }
        }

        if (!response.AsSpan().StartsWith("HTTP/1.1 101"u8))
        {
            throw new IOException("The upgrade was refused.");
        }
    }

    public override async Task<TurnTally> RunTurnAsync(CancellationToken cancellationToken)
    {
        await _socket.SendAsync(s_request, SocketFlags.None, cancellationToken).ConfigureAwait(false);
        ScaleFrame[] frames = Context.Turn.Frames;
        byte[] buffer = _buffer;
        int filled = 0;
        int next = 0;
        while (next < frames.Length)
        {
            int read = await _socket.ReceiveAsync(buffer.AsMemory(filled), SocketFlags.None, cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                throw new IOException("The server closed the connection mid-turn.");
            }

            filled += read;
            int consumed = 0;
            while (next < frames.Length && filled - consumed >= frames[next].Bytes.Length)
            {
                ScaleFrame frame = frames[next];
                if (buffer[consumed] != 0x81 || buffer[consumed + 1] != frame.Bytes[1])
                {
                    throw new IOException($"Frame {next} of the turn is not the expected text frame.");
                }

                if (frame.StampOffset >= 0 && ScaleTurn.TryReadStamp(buffer.AsSpan(consumed + frame.StampOffset, ScaleTurn.StampDigits), out long ticks))
                {
                    Context.Probe.Delivered(ticks);
                }

                consumed += frame.Bytes.Length;
                next++;
            }

            buffer.AsSpan(consumed, filled - consumed).CopyTo(buffer);
            filled -= consumed;
            if (filled == buffer.Length)
            {
                // A frame larger than the buffer (not in the default fixture).
                Array.Resize(ref _buffer, buffer.Length * 2);
                buffer = _buffer;
            }
        }

        if (filled != 0)
        {
            throw new IOException("More bytes than the turn's frames.");
        }

        return new TurnTally(next, -1);
    }

    public override ValueTask DisposeAsync()
    {
        _socket.Dispose();
        return ValueTask.CompletedTask;
    }

    private static byte[] MaskedTextFrame(byte[] payload)
    {
        if (payload.Length >= 126)
        {
            // Two-byte extended length; the prompt keeps the request well under 64 KiB.
            byte[] frame = new byte[8 + payload.Length];
            frame[0] = 0x81;
            frame[1] = 0x80 | 126;
            frame[2] = (byte)(payload.Length >> 8);
            frame[3] = (byte)payload.Length;
            Mask(payload, frame.AsSpan(4));
            return frame;
        }

        byte[] small = new byte[6 + payload.Length];
        small[0] = 0x81;
        small[1] = (byte)(0x80 | payload.Length);
        Mask(payload, small.AsSpan(2));
        return small;
    }

    /// <summary>Writes a fixed mask key then the masked payload (the floor does not pay for random keys).</summary>
    private static void Mask(byte[] payload, Span<byte> destination)
    {
        ReadOnlySpan<byte> key = [0x37, 0xFA, 0x21, 0x3D];
        key.CopyTo(destination);
        for (int i = 0; i < payload.Length; i++)
        {
            destination[4 + i] = (byte)(payload[i] ^ key[i & 3]);
        }
    }
}
