using System;
using System.Buffers;
using System.Globalization;
using System.IO.Pipelines;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace ProtocolCore.WebSockets;

/// <summary>
/// Drives <see cref="WebSocketHandshake"/> over the connection's pipes: sends the upgrade request, reads the
/// response head, and for a refusal reads a bounded part of the body. Bytes after a 101 head stay in the pipe for
/// the receive loop (a server may send its first frame right behind the head).
/// </summary>
internal static class WebSocketUpgrade
{
    /// <summary>Returns the accepted deflate parameters (null when not compressed) and the 101 response.</summary>
    public static async Task<(WebSocketDeflateParameters? Deflate, WebSocketHandshakeResponse Response)> RunAsync(
        PipeReader reader,
        PipeWriter writer,
        Uri uri,
        WebSocketClientOptions options,
        CancellationToken cancellationToken)
    {
        string key = WebSocketHandshake.CreateKey();
        WebSocketHandshake.WriteRequest(writer, uri, key, options.ApiKey, options.Headers, options.EnableCompression);
        await writer.FlushAsync(cancellationToken).ConfigureAwait(false);

        WebSocketHandshakeResponse? response = null;
        while (response is null)
        {
            ReadResult result = await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            ReadOnlySequence<byte> buffer = result.Buffer;
            SequencePosition consumed = buffer.Start;
            SequencePosition examined = buffer.End;
            try
            {
                WebSocketHandshake.TryParseResponse(buffer, options.MaxResponseHeaderBytes, out response, out consumed, out examined);
            }
            finally
            {
                reader.AdvanceTo(consumed, examined);
            }

            if (response is null && result.IsCompleted)
            {
                throw new WebSocketHandshakeException(
                    WebSocketHandshakeError.ConnectionClosed,
                    "The server closed the connection before the upgrade response was complete.");
            }
        }

        if (response.StatusCode == 101)
        {
            return (WebSocketHandshake.ValidateUpgrade(response, key, options.EnableCompression), response);
        }

        byte[] body = await ReadBodyAsync(reader, response, options.MaxErrorBodyBytes, cancellationToken).ConfigureAwait(false);
        throw WebSocketHandshake.CreateRefusal(response, body, SecretRedactor.For(options));
    }

    /// <summary>
    /// Reads at most <paramref name="limit"/> bytes of a refusal's body: by Content-Length, de-chunked, or until the
    /// server closes. Running out of time keeps what arrived: the status is the important part.
    /// </summary>
    private static async Task<byte[]> ReadBodyAsync(PipeReader reader, WebSocketHandshakeResponse response, int limit, CancellationToken cancellationToken)
    {
        long? contentLength = long.TryParse(response.GetHeader("Content-Length"), NumberStyles.None, CultureInfo.InvariantCulture, out long parsed) ? parsed : null;
        bool chunked = response.HeaderContainsToken("Transfer-Encoding", "chunked");

        // Chunk framing costs bytes too: read a little more than the limit so the de-chunked body can still fill it.
        long wanted = contentLength is { } length ? Math.Min(length, limit) : limit + (chunked ? 256 : 0);
        byte[] raw = [];
        try
        {
            while (true)
            {
                ReadResult result = await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
                ReadOnlySequence<byte> buffer = result.Buffer;
                bool enough = buffer.Length >= wanted || result.IsCompleted || (chunked && ContainsLastChunk(buffer));
                if (enough)
                {
                    raw = buffer.Slice(0, Math.Min(buffer.Length, wanted)).ToArray();
                    reader.AdvanceTo(buffer.End);
                    break;
                }

                reader.AdvanceTo(buffer.Start, buffer.End);
            }
        }
        catch (OperationCanceledException)
        {
            // Out of time: report the refusal with whatever part of the body has arrived (possibly none).
            if (reader.TryRead(out ReadResult partial))
            {
                raw = partial.Buffer.Slice(0, Math.Min(partial.Buffer.Length, wanted)).ToArray();
                reader.AdvanceTo(partial.Buffer.End);
            }
        }

        byte[] body = chunked ? Dechunk(raw) : raw;
        return body.Length > limit ? body.AsSpan(0, limit).ToArray() : body;
    }

    private static bool ContainsLastChunk(in ReadOnlySequence<byte> buffer) =>
        buffer.FirstSpan.StartsWith("0\r\n\r\n"u8) || IndexOf(buffer, "\r\n0\r\n\r\n"u8) >= 0;

    private static long IndexOf(in ReadOnlySequence<byte> buffer, ReadOnlySpan<byte> value)
    {
        var reader = new SequenceReader<byte>(buffer);
        return reader.TryReadTo(out ReadOnlySequence<byte> before, value, advancePastDelimiter: false) ? before.Length : -1;
    }

    /// <summary>Decodes as much chunked transfer coding as is present (RFC 9112 §7.1); a cut-off body keeps its whole chunks.</summary>
    private static byte[] Dechunk(byte[] raw)
    {
        var output = new ArrayBufferWriter<byte>();
        ReadOnlySpan<byte> rest = raw;
        while (true)
        {
            int lineEnd = rest.IndexOf("\r\n"u8);
            if (lineEnd <= 0)
            {
                break;
            }

            ReadOnlySpan<byte> sizeText = rest[..lineEnd];
            int extension = sizeText.IndexOf((byte)';');
            if (extension >= 0)
            {
                sizeText = sizeText[..extension];
            }

            if (!int.TryParse(Encoding.ASCII.GetString(sizeText).Trim(), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out int size) || size <= 0)
            {
                break;
            }

            rest = rest[(lineEnd + 2)..];
            int take = Math.Min(size, rest.Length);
            output.Write(rest[..take]);
            if (take < size || rest.Length < size + 2)
            {
                break;
            }

            rest = rest[(size + 2)..];
        }

        return output.WrittenSpan.ToArray();
    }
}
