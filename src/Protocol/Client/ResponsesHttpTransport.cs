using System;
using System.Buffers;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using ProtocolCore.Events;
using ProtocolCore.Json;
using ProtocolCore.Requests;
using ProtocolCore.Sse;

namespace ProtocolCore.Client;

/// <summary>
/// HTTP mode: each request is <c>POST {base}/responses</c> with <c>"stream": true</c>, and the server-sent events are
/// parsed by the same event reader as WebSocket messages. There is no connection-local cache, so a session on this
/// transport sends the full context each turn (or chains through the server's store when <c>store</c> is true).
/// </summary>
public sealed class ResponsesHttpTransport : IDisposable, IResponsesTransport
{
    private readonly HttpClient _http;
    private readonly ResponsesClientOptions _options;
    private readonly Uri _uri;
    private long _bytesSent;
    private long _bytesReceived;

    /// <summary>
    /// Creates the transport and its own <see cref="HttpClient"/> (connect timeout, idle timeout, connection lifetime and
    /// proxy from <paramref name="options"/>). Nothing is sent until the first request.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    /// <exception cref="ArgumentException"><see cref="ResponsesClientOptions.BaseUrl"/> is not an absolute http, https, ws or wss URL.</exception>
    public ResponsesHttpTransport(ResponsesClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        _uri = options.ResponsesUri;
        var handler = new SocketsHttpHandler
        {
            ConnectTimeout = options.ConnectTimeout,
            PooledConnectionIdleTimeout = options.IdleTimeout,
            PooledConnectionLifetime = options.MaxConnectionAge,
            AutomaticDecompression = System.Net.DecompressionMethods.None,
            UseProxy = options.WebSocket.UseEnvironmentProxy || options.WebSocket.Proxy is not null,
        };
        if (options.WebSocket.Proxy is { } proxy)
        {
            handler.Proxy = new System.Net.WebProxy(proxy);
        }

        if (options.WebSocket.RemoteCertificateValidationCallback is { } validate)
        {
            handler.SslOptions.RemoteCertificateValidationCallback = validate;
        }

        // Timeouts are enforced per event below; HttpClient's whole-request timeout would cut long streams.
        _http = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
    }

    /// <summary>Request body bytes sent.</summary>
    public long BytesSent => Interlocked.Read(ref _bytesSent);

    /// <summary>Response body bytes received (the SSE text: <c>event:</c> and <c>data:</c> lines).</summary>
    public long BytesReceived => Interlocked.Read(ref _bytesReceived);

    /// <summary>Posts the request (with <c>stream: true</c>, without <c>stream_id</c>) and yields its events through the terminal one.</summary>
    /// <exception cref="ResponsesApiException">The server answered with an error status.</exception>
    /// <exception cref="ResponseInterruptedException">The stream ended or stalled before its terminal event.</exception>
    public async IAsyncEnumerable<ResponsesEvent> SendAsync(ResponseCreateRequest request, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        string? streamId = request.StreamId;
        bool? stream = request.Stream;
        byte[] body;
        try
        {
            request.StreamId = null;
            request.Stream = true;
            body = ProtocolJson.ToUtf8Bytes(request);
        }
        finally
        {
            request.StreamId = streamId;
            request.Stream = stream;
        }

        body = StripType(body);
        using var message = new HttpRequestMessage(HttpMethod.Post, _uri) { Content = new ByteArrayContent(body) };
        message.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        message.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        if (!string.IsNullOrEmpty(_options.ApiKey))
        {
            message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _options.ApiKey);
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        long sentAt = Stopwatch.GetTimestamp();
        using HttpResponseMessage response = await SendForHeadersAsync(message, timeout, cancellationToken).ConfigureAwait(false);
        Interlocked.Add(ref _bytesSent, body.Length);
        ResponsesClientDiagnostics.BytesSent.Add(body.Length);
        using Stream content = await OpenEventStreamAsync(response, timeout, cancellationToken).ConfigureAwait(false);
        using var assembler = new SseEventAssembler(_options.WebSocket.MaxMessageLength);
        byte[] buffer = ArrayPool<byte>.Shared.Rent(16 * 1024);
        int start = 0;
        int end = 0;
        int count = 0;
        string? responseId = null;
        try
        {
            while (true)
            {
                // Dispatch every complete event already buffered.
                var pending = new ReadOnlySequence<byte>(buffer, start, end - start);
                while (SseLineReader.TryReadLine(ref pending, isFinalBlock: false, out ReadOnlySequence<byte> line))
                {
                    start = end - (int)pending.Length;
                    if (!assembler.AddLine(line) || assembler.IsDoneMarker)
                    {
                        continue;
                    }

                    ResponsesEvent item = ResponsesEventReader.Parse(assembler.Data.Span);
                    if (count++ == 0)
                    {
                        ResponsesClientDiagnostics.TimeToFirstEvent.Record(Stopwatch.GetElapsedTime(sentAt).TotalMilliseconds);
                    }

                    if (item is IResponseLifecycleEvent { Response.Id: { } id })
                    {
                        responseId = id;
                    }

                    yield return item;
                    if (ResponsesTerminal.IsTerminal(item))
                    {
                        yield break;
                    }
                }

                if (start > 0)
                {
                    Buffer.BlockCopy(buffer, start, buffer, 0, end - start);
                    end -= start;
                    start = 0;
                }

                if (end == buffer.Length)
                {
                    byte[] larger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                    Buffer.BlockCopy(buffer, 0, larger, 0, end);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }

                timeout.CancelAfter(count == 0 ? _options.FirstEventTimeout : _options.IdleTimeout);
                int read;
                try
                {
                    read = await content.ReadAsync(buffer.AsMemory(end), timeout.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    throw ResponseInterruptedException.Create(responseId, count, ResponsesTimeoutException.ForEventWait(_options, count));
                }
                catch (Exception e) when (e is IOException or HttpRequestException or ObjectDisposedException)
                {
                    throw ResponseInterruptedException.Create(responseId, count, e);
                }

                // Disarmed while the caller handles the events, so a slow consumer is not mistaken for a silent server.
                timeout.CancelAfter(Timeout.InfiniteTimeSpan);
                if (read == 0)
                {
                    throw ResponseInterruptedException.Create(responseId, count, new EndOfStreamException("The event stream ended before a terminal event."));
                }

                Interlocked.Add(ref _bytesReceived, read);
                ResponsesClientDiagnostics.BytesReceived.Add(read);
                end += read;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Disposes the transport's <see cref="HttpClient"/>, closing its pooled connections.</summary>
    public void Dispose() => _http.Dispose();

    /// <summary>
    /// Posts and waits for the response headers (at most <c>ConnectTimeout + FirstEventTimeout</c>). A failure to reach
    /// the server is <see cref="ResponsesHttpConnectException"/> (nothing was sent); any later one is
    /// <see cref="ResponseInterruptedException"/>, since the server may have started the request.
    /// </summary>
    private async Task<HttpResponseMessage> SendForHeadersAsync(HttpRequestMessage message, CancellationTokenSource timeout, CancellationToken cancellationToken)
    {
        timeout.CancelAfter(_options.ConnectTimeout + _options.FirstEventTimeout);
        try
        {
            return await _http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            if (!timeout.IsCancellationRequested)
            {
                // Not our header wait: the handler's own ConnectTimeout (it reports it as a cancellation).
                throw new ResponsesHttpConnectException(
                    $"Could not connect to {_uri.Host} for HTTP mode in time; nothing was sent.",
                    new ResponsesTimeoutException(nameof(ResponsesClientOptions.ConnectTimeout), _options.ConnectTimeout, "No connection was established"));
            }

            throw HeaderWaitTimedOut("No response headers arrived", e);
        }
        catch (HttpRequestException e) when (e.HttpRequestError is HttpRequestError.NameResolutionError or HttpRequestError.ConnectionError
            or HttpRequestError.SecureConnectionError or HttpRequestError.ProxyTunnelError)
        {
            throw new ResponsesHttpConnectException($"Could not connect to {_uri.Host} for HTTP mode ({e.HttpRequestError}); nothing was sent.", e);
        }
        catch (Exception e) when (e is HttpRequestException or IOException or ObjectDisposedException)
        {
            throw ResponseInterruptedException.Create(null, 0, e);
        }
    }

    /// <summary>The event stream of a successful response; an error status becomes <see cref="ResponsesApiException"/>.</summary>
    private async Task<Stream> OpenEventStreamAsync(HttpResponseMessage response, CancellationTokenSource timeout, CancellationToken cancellationToken)
    {
        try
        {
            if (!response.IsSuccessStatusCode)
            {
                string text = await response.Content.ReadAsStringAsync(timeout.Token).ConfigureAwait(false);
                throw ErrorFromBody((int)response.StatusCode, text, SecretRedactor.For(_options));
            }

            return await response.Content.ReadAsStreamAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw HeaderWaitTimedOut("The response body did not arrive", e);
        }
        catch (Exception e) when (e is HttpRequestException or IOException or ObjectDisposedException)
        {
            throw ResponseInterruptedException.Create(null, 0, e);
        }
    }

    /// <summary>The header wait (<c>ConnectTimeout + FirstEventTimeout</c>) ran out after the request went out.</summary>
    private ResponseInterruptedException HeaderWaitTimedOut(string what, OperationCanceledException cause) =>
        ResponseInterruptedException.Create(null, 0, new ResponsesTimeoutException(
            $"{nameof(ResponsesClientOptions.ConnectTimeout)} + {nameof(ResponsesClientOptions.FirstEventTimeout)}",
            _options.ConnectTimeout + _options.FirstEventTimeout,
            what,
            cause));

    /// <summary>A one-line summary for logs: the endpoint and bytes sent and received. Never includes credentials.</summary>
    public override string ToString() => $"ResponsesHttpTransport {{ Uri = {_uri}, BytesSent = {BytesSent}, BytesReceived = {BytesReceived} }}";

    /// <summary>The POST body is the request without the WebSocket envelope's <c>"type":"response.create"</c>.</summary>
    private static byte[] StripType(byte[] json)
    {
        ReadOnlySpan<byte> prefix = "{\"type\":\"response.create\","u8;
        if (json.AsSpan().StartsWith(prefix))
        {
            byte[] stripped = new byte[json.Length - prefix.Length + 1];
            stripped[0] = (byte)'{';
            json.AsSpan(prefix.Length).CopyTo(stripped.AsSpan(1));
            return stripped;
        }

        return json;
    }

    /// <summary>The exception for an HTTP error status, its text from the body with every secret <paramref name="redactor"/> knows removed.</summary>
    private static ResponsesApiException ErrorFromBody(int status, string body, SecretRedactor redactor)
    {
        string? code = null, type = null, param = null, message = null;
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("error", out JsonElement error) && error.ValueKind == JsonValueKind.Object)
            {
                code = redactor.Redact(Text(error, "code"));
                type = redactor.Redact(Text(error, "type"));
                param = redactor.Redact(Text(error, "param"));
                message = redactor.Redact(Text(error, "message"));
            }
        }
        catch (JsonException)
        {
            // Not a JSON error body: the status alone describes it.
        }

        message ??= $"HTTP {status}";
        return new ResponsesApiException(code, type, param, status, code is null ? message : $"{code}: {message}");

        static string? Text(JsonElement element, string name) =>
            element.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
    }
}
