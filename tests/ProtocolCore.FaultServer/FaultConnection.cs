using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.IO;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace ProtocolCore.Faults;

/// <summary>
/// One TCP connection of the <see cref="FaultServer"/>: the upgrade, then requests one at a time (the default lane),
/// each streamed or cut as its directive says. Reads and writes go straight to the socket, so a cut lands exactly
/// where it is made.
/// </summary>
internal sealed class FaultConnection
{
    private const int MaxHeaderLine = 8192;
    private const int MaxMessage = 16 << 20;

    private readonly FaultServer _server;
    private readonly Socket _socket;
    private readonly int _id;
    private readonly CancellationToken _stopping;
    private byte[] _buffer = new byte[16384];
    private int _start;
    private int _end;
    private string _sessionKey = string.Empty;

    /// <summary>Where reads stop: the server's shutdown, or during a drain also the hold limit.</summary>
    private CancellationToken _readToken;

    /// <summary>Once upgraded: messages read while draining are parsed, so a request sent after a cut still counts.</summary>
    private bool _upgraded;

    /// <summary>This side sent FIN: pings and closes are no longer answered.</summary>
    private bool _sendShut;

    /// <summary>The connection-local cache: the last completed response (its id), as the real server keeps.</summary>
    private string? _cachedResponseId;

    public FaultConnection(FaultServer server, Socket socket, int id, CancellationToken stopping)
    {
        _server = server;
        _socket = socket;
        _id = id;
        _stopping = stopping;
        _readToken = stopping;
        _socket.NoDelay = true;
    }

    public async Task RunAsync()
    {
        using CancellationTokenRegistration stop = _stopping.Register(static s => ((Socket)s!).Dispose(), _socket);
        try
        {
            if (await UpgradeAsync().ConfigureAwait(false))
            {
                await ServeAsync().ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException or OperationCanceledException)
        {
            // The client went away, or this server cut the connection.
        }
        catch (Exception e)
        {
            _server.ReportServerError($"connection {_id} ({_sessionKey}): {e}");
        }
        finally
        {
            _socket.Dispose();
        }
    }

    /// <summary>Reads the upgrade and answers 101, unless an armed upgrade fault cuts it; false when it was cut.</summary>
    private async Task<bool> UpgradeAsync()
    {
        string? requestLine = await ReadLineAsync().ConfigureAwait(false);
        if (requestLine is null)
        {
            return false;
        }

        string[] parts = requestLine.Split(' ');
        string path = parts.Length == 3 ? parts[1] : "/";
        string[] segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        _sessionKey = segments.Length > 0 ? segments[0] : string.Empty;
        (FaultPoint Point, CutKind Cut)? fault = path == "/storm/report" ? null : _server.TakeUpgradeFault(_sessionKey);
        if (fault is { Point: FaultPoint.UpgradeRequest })
        {
            _server.CountInjected(FaultPoint.UpgradeRequest);
            await CutAsync(fault.Value.Cut).ConfigureAwait(false);
            return false;
        }

        string? key = null;
        while (true)
        {
            string? line = await ReadLineAsync().ConfigureAwait(false);
            if (line is null)
            {
                return false;
            }

            if (line.Length == 0)
            {
                break;
            }

            int colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0 && line[..colon].Trim().Equals("Sec-WebSocket-Key", StringComparison.OrdinalIgnoreCase))
            {
                key = line[(colon + 1)..].Trim();
            }
        }

        if (path == "/storm/report")
        {
            byte[] body = _server.ReportJson();
            await WriteAsync(Encoding.ASCII.GetBytes($"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {body.Length}\r\nConnection: close\r\n\r\n")).ConfigureAwait(false);
            await WriteAsync(body).ConfigureAwait(false);
            await CutAsync(CutKind.Close).ConfigureAwait(false);
            return false;
        }

        if (key is null)
        {
            _server.ReportProtocolFailure($"connection {_id} ({_sessionKey}): upgrade without Sec-WebSocket-Key: {requestLine}");
            await WriteAsync("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"u8.ToArray()).ConfigureAwait(false);
            return false;
        }

        if (fault is { Point: FaultPoint.UpgradeStall })
        {
            _server.CountInjected(FaultPoint.UpgradeStall);
            await HoldAsync().ConfigureAwait(false);
            return false;
        }

        string accept = Convert.ToBase64String(SHA1.HashData(Encoding.ASCII.GetBytes(key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11")));
        byte[] response = Encoding.ASCII.GetBytes($"HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: {accept}\r\n\r\n");
        if (fault is { Point: FaultPoint.UpgradeResponse })
        {
            _server.CountInjected(FaultPoint.UpgradeResponse);
            await WriteAsync(response.AsMemory(0, response.Length / 2)).ConfigureAwait(false);
            await CutAsync(fault.Value.Cut).ConfigureAwait(false);
            return false;
        }

        await WriteAsync(response).ConfigureAwait(false);
        _upgraded = true;
        return true;
    }

    /// <summary>Reads requests until the client closes or a fault cuts the connection.</summary>
    private async Task ServeAsync()
    {
        while (true)
        {
            byte[]? message = await ReadMessageAsync().ConfigureAwait(false);
            if (message is null || !await HandleRequestAsync(message).ConfigureAwait(false))
            {
                return;
            }
        }
    }

    /// <summary>Streams (or breaks) one response; false when the connection was cut.</summary>
    private async Task<bool> HandleRequestAsync(byte[] message)
    {
        RequestFields request;
        try
        {
            request = RequestFields.Read(message);
        }
        catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException)
        {
            _server.ReportProtocolFailure($"connection {_id} ({_sessionKey}): unreadable request ({e.Message}): {Truncate(Encoding.UTF8.GetString(message))}");
            await WriteAsync(ServerFrames.Frame(ServerFrames.Text, StormResponse.InvalidRequest("storm: unreadable request"))).ConfigureAwait(false);
            return true;
        }

        if (request.Directive is not { } directive)
        {
            _server.ReportProtocolFailure($"connection {_id} ({_sessionKey}): a request whose last input item is not a storm directive: {Truncate(Encoding.UTF8.GetString(message))}");
            await WriteAsync(ServerFrames.Frame(ServerFrames.Text, StormResponse.InvalidRequest("storm: no directive"))).ConfigureAwait(false);
            return true;
        }

        string id = directive.Id;
        if (request.MetadataRequestId is { } metadataId && metadataId != id)
        {
            _server.ReportContextFailure($"{id}: metadata.request_id is '{metadataId}'");
        }

        // A replay is served without its fault, so the client would see it complete; the ledger has counted it.
        bool replay = _server.Ledger.Receive(id);
        FaultPoint fault = replay ? FaultPoint.None : directive.Fault;
        bool firstReceipt = _server.Ledger.ReceiptsOf(id) == 1;
        if (firstReceipt && directive.NextUpgrade is { } upgrade && directive.NextUpgradeCount > 0)
        {
            _server.ArmUpgrades(_sessionKey, upgrade, directive.NextUpgradeCut, directive.NextUpgradeCount);
        }

        if (request.PreviousResponseId is { } previous)
        {
            if (fault == FaultPoint.Evict)
            {
                _server.CountInjected(FaultPoint.Evict);
                _cachedResponseId = null;
            }

            if (previous != _cachedResponseId)
            {
                // Rejected before it started: sending it again is not a replay.
                _server.Ledger.Reject(id);
                _cachedResponseId = null;
                await WriteAsync(ServerFrames.Frame(ServerFrames.Text, StormResponse.PreviousResponseNotFound(previous))).ConfigureAwait(false);
                return true;
            }
        }

        foreach (string failure in request.CheckContext(_cachedResponseId))
        {
            _server.ReportContextFailure($"{id}: {failure}");
        }

        List<byte[]> messages = StormResponse.Messages(id, request.PreviousResponseId);
        int last = messages.Count - 1;
        switch (fault)
        {
            case FaultPoint.Request:
                return await InjectCutAsync(fault, directive.Cut).ConfigureAwait(false);
            case FaultPoint.Created:
                await SendAsync(id, messages, 0, 1).ConfigureAwait(false);
                return await InjectCutAsync(fault, directive.Cut).ConfigureAwait(false);
            case FaultPoint.MidStream:
                await SendAsync(id, messages, 0, Math.Clamp(directive.At, 2, last)).ConfigureAwait(false);
                return await InjectCutAsync(fault, directive.Cut).ConfigureAwait(false);
            case FaultPoint.MidFrame:
                int index = Math.Clamp(directive.At, 1, last);
                await SendAsync(id, messages, 0, index).ConfigureAwait(false);
                byte[] frames = Wire(id, messages, index);
                int keep = 1 + (int)(StormResponse.Hash(id + "!") % (uint)(frames.Length - 1));
                await WriteAsync(frames.AsMemory(0, keep)).ConfigureAwait(false);
                return await InjectCutAsync(fault, directive.Cut == CutKind.GoAway ? CutKind.Close : directive.Cut).ConfigureAwait(false);
            case FaultPoint.StallFirst:
                _server.CountInjected(fault);
                await HoldAsync().ConfigureAwait(false);
                return false;
            case FaultPoint.StallMid:
                await SendAsync(id, messages, 0, Math.Clamp(directive.At, 1, last)).ConfigureAwait(false);
                _server.CountInjected(fault);
                await HoldAsync().ConfigureAwait(false);
                return false;
            case FaultPoint.ServerError:
                await SendAsync(id, messages, 0, 2).ConfigureAwait(false);
                await WriteAsync(ServerFrames.Frame(ServerFrames.Text, StormResponse.ServerError(2))).ConfigureAwait(false);
                _server.CountInjected(fault);
                // A failed response is not cached, and the parent it chained from is gone with it (as upstream does).
                _cachedResponseId = null;
                return true;
        }

        await SendAsync(id, messages, 0, messages.Count).ConfigureAwait(false);
        _cachedResponseId = StormResponse.ResponseId(id);
        switch (fault)
        {
            case FaultPoint.Terminal:
                return await InjectCutAsync(fault, directive.Cut).ConfigureAwait(false);
            case FaultPoint.Idle:
                await Task.Delay(directive.DelayMs, _stopping).ConfigureAwait(false);
                return await InjectCutAsync(fault, directive.Cut).ConfigureAwait(false);
        }

        if (!replay && directive.NextUpgrade is not null)
        {
            // The next turn must reconnect into the armed upgrade faults: the idle connection goes.
            await Task.Delay(directive.DelayMs, _stopping).ConfigureAwait(false);
            await CutAsync(directive.Cut).ConfigureAwait(false);
            return false;
        }

        return true;
    }

    private async Task<bool> InjectCutAsync(FaultPoint point, CutKind cut)
    {
        _server.CountInjected(point);
        await CutAsync(cut).ConfigureAwait(false);
        return false;
    }

    private async Task SendAsync(string requestId, List<byte[]> messages, int from, int to)
    {
        for (int i = from; i < to; i++)
        {
            await WriteAsync(Wire(requestId, messages, i)).ConfigureAwait(false);
        }
    }

    private static byte[] Wire(string requestId, List<byte[]> messages, int index) =>
        ServerFrames.Message(messages[index], StormResponse.IsFragmented(requestId, index) ? 2 + (index % 2) : 1);

    private async Task CutAsync(CutKind cut)
    {
        if (cut == CutKind.Reset)
        {
            _socket.LingerState = new LingerOption(true, 0);
            _socket.Close();
            return;
        }

        if (cut == CutKind.GoAway)
        {
            await WriteAsync(ServerFrames.CloseFrame(1001, "storm going away")).ConfigureAwait(false);
        }

        // FIN, then drain until the client closes its side, so the close is orderly rather than an RST for unread data.
        _socket.Shutdown(SocketShutdown.Send);
        _sendShut = true;
        await DrainAsync().ConfigureAwait(false);
    }

    /// <summary>Sends nothing more and reads until the client gives up (or the hold limit).</summary>
    private Task HoldAsync() => DrainAsync();

    /// <summary>
    /// Reads until the client closes (or the hold limit). After the upgrade a request read here is recorded, though
    /// not answered: the client wrote it, so it may have run, and sending it again elsewhere is a replay.
    /// </summary>
    private async Task DrainAsync()
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(_stopping);
        limit.CancelAfter(FaultServer.HoldLimit);
        _readToken = limit.Token;
        if (!_upgraded)
        {
            while (await FillAsync(_end - _start + 1).ConfigureAwait(false))
            {
                _start = _end;
            }

            return;
        }

        while (await ReadMessageAsync().ConfigureAwait(false) is { } message)
        {
            try
            {
                if (RequestFields.Read(message).Directive is { } directive)
                {
                    _server.Ledger.Receive(directive.Id);
                }
            }
            catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException)
            {
                _server.ReportProtocolFailure($"connection {_id} ({_sessionKey}): unreadable request after a cut ({e.Message})");
            }
        }
    }

    private async Task WriteAsync(ReadOnlyMemory<byte> data)
    {
        while (!data.IsEmpty)
        {
            int sent = await _socket.SendAsync(data, SocketFlags.None, _stopping).ConfigureAwait(false);
            data = data[sent..];
        }
    }

    /// <summary>One data message (fragments joined); pings are answered, a close is echoed. Null at the end.</summary>
    private async Task<byte[]?> ReadMessageAsync()
    {
        var message = new List<byte>();
        bool inMessage = false;
        while (true)
        {
            byte[]? head = await ReadExactlyAsync(2).ConfigureAwait(false);
            if (head is null)
            {
                return null;
            }

            bool fin = (head[0] & 0x80) != 0;
            byte opcode = (byte)(head[0] & 0x0F);
            if ((head[1] & 0x80) == 0)
            {
                _server.ReportProtocolFailure($"connection {_id} ({_sessionKey}): an unmasked client frame (opcode {opcode})");
                return null;
            }

            long length = head[1] & 0x7F;
            if (length >= 126)
            {
                byte[]? extended = await ReadExactlyAsync(length == 126 ? 2 : 8).ConfigureAwait(false);
                if (extended is null)
                {
                    return null;
                }

                length = length == 126 ? BinaryPrimitives.ReadUInt16BigEndian(extended) : (long)BinaryPrimitives.ReadUInt64BigEndian(extended);
            }

            if (length > MaxMessage)
            {
                _server.ReportProtocolFailure($"connection {_id} ({_sessionKey}): a {length}-byte frame");
                return null;
            }

            byte[]? mask = await ReadExactlyAsync(4).ConfigureAwait(false);
            byte[]? payload = await ReadExactlyAsync((int)length).ConfigureAwait(false);
            if (mask is null || payload is null)
            {
                return null;
            }

            for (int i = 0; i < payload.Length; i++)
            {
                payload[i] ^= mask[i & 3];
            }

            switch (opcode)
            {
                case ServerFrames.Ping:
                    if (!_sendShut)
                    {
                        await WriteAsync(ServerFrames.Frame(ServerFrames.Pong, payload)).ConfigureAwait(false);
                    }

                    continue;
                case ServerFrames.Pong:
                    continue;
                case ServerFrames.Close:
                    if (!_sendShut)
                    {
                        await WriteAsync(ServerFrames.Frame(ServerFrames.Close, payload.Length >= 2 ? payload.AsSpan(0, 2) : [])).ConfigureAwait(false);
                        _socket.Shutdown(SocketShutdown.Send);
                        _sendShut = true;
                    }

                    return null;
                case ServerFrames.Text when !inMessage:
                case ServerFrames.Continuation when inMessage:
                    message.AddRange(payload);
                    inMessage = !fin;
                    if (fin)
                    {
                        return [.. message];
                    }

                    continue;
                default:
                    _server.ReportProtocolFailure($"connection {_id} ({_sessionKey}): unexpected opcode {opcode} (in a message: {inMessage})");
                    return null;
            }
        }
    }

    /// <summary>A CRLF-terminated header line without its CRLF; null at the end of the stream.</summary>
    private async Task<string?> ReadLineAsync()
    {
        while (true)
        {
            int lf = Array.IndexOf(_buffer, (byte)'\n', _start, _end - _start);
            if (lf >= 0)
            {
                int end = lf > _start && _buffer[lf - 1] == '\r' ? lf - 1 : lf;
                string line = Encoding.ASCII.GetString(_buffer, _start, end - _start);
                _start = lf + 1;
                return line;
            }

            if (_end - _start > MaxHeaderLine || !await FillAsync(1).ConfigureAwait(false))
            {
                return null;
            }
        }
    }

    private async Task<byte[]?> ReadExactlyAsync(int count)
    {
        if (_end - _start < count && !await FillAsync(count).ConfigureAwait(false))
        {
            return null;
        }

        byte[] data = _buffer.AsSpan(_start, count).ToArray();
        _start += count;
        return data;
    }

    /// <summary>Reads until at least <paramref name="count"/> bytes are buffered; false at the end of the stream.</summary>
    private async Task<bool> FillAsync(int count)
    {
        if (_start > 0)
        {
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
            _end -= _start;
            _start = 0;
        }

        if (_buffer.Length < count)
        {
            Array.Resize(ref _buffer, Math.Max(count, _buffer.Length * 2));
        }

        int wanted = Math.Max(count, _end + 1);
        while (_end < wanted)
        {
            if (_end == _buffer.Length)
            {
                Array.Resize(ref _buffer, _buffer.Length * 2);
            }

            int read = await _socket.ReceiveAsync(_buffer.AsMemory(_end), SocketFlags.None, _readToken).ConfigureAwait(false);
            if (read == 0)
            {
                return false;
            }

            _end += read;
        }

        return true;
    }

    private static string Truncate(string text) => text.Length <= 300 ? text : text[..300] + "...";
}
