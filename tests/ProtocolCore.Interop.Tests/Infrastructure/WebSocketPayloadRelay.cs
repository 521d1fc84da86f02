using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;

namespace ProtocolCore.Interop.Tests;

/// <summary>
/// A TCP relay in front of a WebSocket server that counts, in each direction, the payload bytes of the data frames
/// (text, binary, continuation) after the HTTP upgrade, from the bytes themselves: what a client reports as the
/// payload it sent and received, measured without it. Control frames (ping, pong, close) and every header byte are
/// left out; <see cref="ClientFrameBytes"/> and <see cref="ServerFrameBytes"/> count the data frames whole. Bytes are
/// counted as they are forwarded; <see cref="Freeze"/> holds the server's back uncounted, and <see cref="DropFrozen"/>
/// drops them with their connection.
/// </summary>
public sealed class WebSocketPayloadRelay : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly int _upstreamPort;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _pumps = [];
    private readonly Task _accepting;

    /// <summary>While set, the server's bytes wait in the relay (read, not yet counted or forwarded).</summary>
    private volatile TaskCompletionSource? _frozen;
    private long _clientPayload;
    private long _serverPayload;
    private long _clientFrames;
    private long _serverFrames;

    public WebSocketPayloadRelay(int upstreamPort)
    {
        _upstreamPort = upstreamPort;
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>Data-frame payload bytes the clients sent (unmasked length; the request JSON).</summary>
    public long ClientPayloadBytes => Interlocked.Read(ref _clientPayload);

    /// <summary>Data-frame payload bytes the server sent (the events' JSON).</summary>
    public long ServerPayloadBytes => Interlocked.Read(ref _serverPayload);

    /// <summary>The clients' data frames, headers and masking keys included.</summary>
    public long ClientFrameBytes => Interlocked.Read(ref _clientFrames);

    /// <summary>The server's data frames, headers included.</summary>
    public long ServerFrameBytes => Interlocked.Read(ref _serverFrames);

    /// <summary>Connections accepted so far.</summary>
    public int Connections { get; private set; }

    /// <summary>Holds back what the server sends from now on (the client sees a server that went quiet).</summary>
    public void Freeze()
    {
        _frozen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    /// <summary>
    /// Ends a <see cref="Freeze"/>: the bytes held back are dropped uncounted and their connections closed (the client
    /// gave up on them); new connections relay as usual.
    /// </summary>
    public void DropFrozen() => Interlocked.Exchange(ref _frozen, null)?.TrySetResult();

    public async ValueTask DisposeAsync()
    {
        DropFrozen();
        _stop.Cancel();
        _listener.Stop();
        try
        {
            await _accepting.ConfigureAwait(false);
        }
        catch (Exception)
        {
            // The listener stopped under the accept.
        }

        Task[] pumps;
        lock (_pumps)
        {
            pumps = [.. _pumps];
        }

        await Task.WhenAll(pumps).WaitAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client = await _listener.AcceptTcpClientAsync(_stop.Token).ConfigureAwait(false);
            Connections++;
            var upstream = new TcpClient();
            await upstream.ConnectAsync(IPAddress.Loopback, _upstreamPort, _stop.Token).ConfigureAwait(false);
            client.NoDelay = upstream.NoDelay = true;
            lock (_pumps)
            {
                _pumps.Add(RelayAsync(client, upstream));
            }
        }
    }

    private async Task RelayAsync(TcpClient client, TcpClient upstream)
    {
        using (client)
        using (upstream)
        {
            var fromClient = new FrameCounter(fromClient: true);
            var fromServer = new FrameCounter(fromClient: false);
            Task up = PumpAsync(client.GetStream(), upstream.GetStream(), fromClient);
            Task down = PumpAsync(upstream.GetStream(), client.GetStream(), fromServer);

            // Either side closing ends the relay of this connection: the other pump then fails on its closed socket.
            await Task.WhenAny(up, down).ConfigureAwait(false);
            client.Close();
            upstream.Close();
            await Task.WhenAll(up.ContinueWith(static _ => { }, TaskScheduler.Default), down.ContinueWith(static _ => { }, TaskScheduler.Default)).ConfigureAwait(false);
        }
    }

    private async Task PumpAsync(NetworkStream from, NetworkStream to, FrameCounter counter)
    {
        byte[] buffer = new byte[16 * 1024];
        while (true)
        {
            int read;
            try
            {
                read = await from.ReadAsync(buffer, _stop.Token).ConfigureAwait(false);
            }
            catch (Exception)
            {
                return;
            }

            if (read == 0)
            {
                return;
            }

            if (!counter.FromClient && _frozen is { } frozen)
            {
                await frozen.Task.ConfigureAwait(false);
                return;
            }

            // Counted before forwarding: once the other side has the bytes, the counts include them.
            counter.Feed(buffer.AsSpan(0, read), out long payload, out long frames);
            if (counter.FromClient)
            {
                Interlocked.Add(ref _clientPayload, payload);
                Interlocked.Add(ref _clientFrames, frames);
            }
            else
            {
                Interlocked.Add(ref _serverPayload, payload);
                Interlocked.Add(ref _serverFrames, frames);
            }

            try
            {
                await to.WriteAsync(buffer.AsMemory(0, read), _stop.Token).ConfigureAwait(false);
            }
            catch (Exception)
            {
                return;
            }
        }
    }

    /// <summary>
    /// One direction's parser: skips the HTTP head (up to the blank line), then walks the frame headers (RFC 6455
    /// §5.2), counting data-frame payload and frame bytes as they pass (a payload may span reads).
    /// </summary>
    private sealed class FrameCounter(bool fromClient)
    {
        private readonly List<byte> _pending = [];
        private bool _upgraded;
        private uint _lastFour;
        private long _remaining;
        private bool _remainingIsData;

        public bool FromClient => fromClient;

        public void Feed(ReadOnlySpan<byte> data, out long payload, out long frames)
        {
            payload = 0;
            frames = 0;
            while (!data.IsEmpty)
            {
                if (!_upgraded)
                {
                    // "\r\n\r\n" ends the HTTP request or response head.
                    _lastFour = (_lastFour << 8) | data[0];
                    data = data[1..];
                    _upgraded = _lastFour == 0x0D0A0D0A;
                    continue;
                }

                if (_remaining > 0)
                {
                    int take = (int)Math.Min(_remaining, data.Length);
                    if (_remainingIsData)
                    {
                        payload += take;
                        frames += take;
                    }

                    _remaining -= take;
                    data = data[take..];
                    continue;
                }

                _pending.Add(data[0]);
                data = data[1..];
                if (TryHeader(out int opcode, out long length, out int headerLength))
                {
                    _pending.Clear();
                    _remainingIsData = opcode is 0x0 or 0x1 or 0x2;
                    _remaining = length;
                    if (_remainingIsData)
                    {
                        frames += headerLength;
                    }
                }
            }
        }

        private bool TryHeader(out int opcode, out long length, out int headerLength)
        {
            opcode = 0;
            length = 0;
            headerLength = 0;
            if (_pending.Count < 2)
            {
                return false;
            }

            opcode = _pending[0] & 0x0F;
            int lengthCode = _pending[1] & 0x7F;
            int extended = lengthCode == 126 ? 2 : lengthCode == 127 ? 8 : 0;
            headerLength = 2 + extended + ((_pending[1] & 0x80) != 0 ? 4 : 0);
            if (_pending.Count < headerLength)
            {
                return false;
            }

            byte[] header = [.. _pending];
            length = extended switch
            {
                2 => BinaryPrimitives.ReadUInt16BigEndian(header.AsSpan(2)),
                8 => (long)BinaryPrimitives.ReadUInt64BigEndian(header.AsSpan(2)),
                _ => lengthCode,
            };
            return true;
        }
    }
}
