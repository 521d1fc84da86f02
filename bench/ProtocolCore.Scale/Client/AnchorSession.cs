using System;
using System.Buffers;
using System.IO;
using System.Net.WebSockets;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace ProtocolCore.Scale.Client;

/// <summary>
/// The anchor: a minimal client on <see cref="ClientWebSocket"/> and System.Text.Json doing the same work as ours —
/// a chained <c>response.create</c> written with <see cref="Utf8JsonWriter"/>, every event read whole and decoded with
/// <see cref="Utf8JsonReader"/> (<see cref="AnchorEvent"/>). Its receive buffer is rented for the turn and returned at
/// its end, so an idle session holds only the socket's own state: the lean anchor, not the lazy one.
/// </summary>
internal sealed class AnchorSession : ScaleSession
{
    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_requestBuffer;

    [ThreadStatic]
    private static Utf8JsonWriter? t_requestWriter;

    private readonly ClientWebSocket _socket = new();
    private string? _previousResponseId;

    public AnchorSession(ScaleSessionContext context)
        : base(context)
    {
        _socket.Options.SetRequestHeader("Authorization", "Bearer sk-scale");
    }

    public override Task ConnectAsync(CancellationToken cancellationToken) => _socket.ConnectAsync(Context.WebSocketUri, cancellationToken);

    public override async Task<TurnTally> RunTurnAsync(CancellationToken cancellationToken)
    {
        await SendRequestAsync(cancellationToken).ConfigureAwait(false);
        byte[] buffer = ArrayPool<byte>.Shared.Rent(4096);
        try
        {
            int events = 0;
            long deltaBytes = 0;
            while (true)
            {
                int length = 0;
                ValueWebSocketReceiveResult result;
                do
                {
                    if (length == buffer.Length)
                    {
                        byte[] larger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                        buffer.AsSpan(0, length).CopyTo(larger);
                        ArrayPool<byte>.Shared.Return(buffer);
                        buffer = larger;
                    }

                    result = await _socket.ReceiveAsync(buffer.AsMemory(length), cancellationToken).ConfigureAwait(false);
                    if (result.MessageType == WebSocketMessageType.Close)
                    {
                        throw new IOException("The server closed the connection mid-turn.");
                    }

                    length += result.Count;
                }
                while (!result.EndOfMessage);

                AnchorEvent item = AnchorEvent.Parse(buffer.AsSpan(0, length));
                events++;
                switch (item.Kind)
                {
                    case AnchorEventKind.Delta:
                        deltaBytes += item.DeltaBytes;
                        if (item.Stamp != 0)
                        {
                            Context.Probe.Delivered(item.Stamp);
                        }

                        break;
                    case AnchorEventKind.Completed:
                        _previousResponseId = item.ResponseId;
                        return new TurnTally(events, deltaBytes);
                    case AnchorEventKind.Failed:
                        throw new IOException("The response failed.");
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    public override async ValueTask DisposeAsync()
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await _socket.CloseAsync(WebSocketCloseStatus.NormalClosure, null, timeout.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or InvalidOperationException)
        {
            _socket.Abort();
        }

        _socket.Dispose();
    }

    /// <summary>Writes the request into a per-thread buffer and sends a pooled copy (the send may complete on another thread).</summary>
    private async Task SendRequestAsync(CancellationToken cancellationToken)
    {
        int length = WriteRequest(_previousResponseId, out byte[] request);
        try
        {
            await _socket.SendAsync(request.AsMemory(0, length), WebSocketMessageType.Text, endOfMessage: true, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(request);
        }
    }

    private static int WriteRequest(string? previousResponseId, out byte[] request)
    {
        ArrayBufferWriter<byte> buffer = t_requestBuffer ??= new ArrayBufferWriter<byte>(1024);
        buffer.ResetWrittenCount();
        Utf8JsonWriter writer = t_requestWriter ??= new Utf8JsonWriter(buffer);
        writer.Reset(buffer);
        writer.WriteStartObject();
        writer.WriteString("type"u8, "response.create"u8);
        writer.WriteString("model"u8, "gpt-5"u8);
        writer.WriteBoolean("store"u8, false);
        if (previousResponseId is not null)
        {
            writer.WriteString("previous_response_id"u8, previousResponseId);
        }

        writer.WriteStartArray("input"u8);
        writer.WriteStartObject();
        writer.WriteString("type"u8, "message"u8);
        writer.WriteString("role"u8, "user"u8);
        writer.WriteString("content"u8, ScaleRequest.Prompt);
        writer.WriteEndObject();
        writer.WriteEndArray();
        writer.WriteEndObject();
        writer.Flush();
        request = ArrayPool<byte>.Shared.Rent(buffer.WrittenCount);
        buffer.WrittenSpan.CopyTo(request);
        return buffer.WrittenCount;
    }
}
