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
    /// <summary>The client over the handler this transport owns; null when <see cref="ResponsesClientOptions.HttpHandlerFactory"/> supplies one per request.</summary>
    private readonly HttpClient? _http;
    private readonly Func<HttpMessageHandler>? _handlerFactory;
    private readonly ResponsesClientOptions _options;
    private readonly Uri _uri;
    private readonly List<KeyValuePair<string, string>> _headers;
    private long _bytesSent;
    private long _bytesReceived;
    private ResponsesServerHeaders? _serverHeaders;

    /// <summary>
    /// Creates the transport and, unless <see cref="ResponsesClientOptions.HttpHandlerFactory"/> supplies handlers, its own <see cref="HttpClient"/> (connect timeout, idle timeout, connection lifetime and
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
        _headers = ClientRequestHeaders.For(options);
        _handlerFactory = options.HttpHandlerFactory;
        if (_handlerFactory is null)
        {
            _http = CreateClient(CreateHandler(options), disposeHandler: true);
        }
    }

    /// <summary>
    /// The handler HTTP mode creates when <see cref="ResponsesClientOptions.HttpHandlerFactory"/> is null: the proxy and
    /// TLS validation of <see cref="ResponsesClientOptions.WebSocket"/>, <see cref="ResponsesClientOptions.ConnectTimeout"/>,
    /// pooled connections idle at most <see cref="ResponsesClientOptions.IdleTimeout"/> and replaced after
    /// <see cref="ResponsesClientOptions.MaxConnectionAge"/>, no automatic decompression. Use it as the primary handler
    /// of an <c>IHttpClientFactory</c> client so HTTP mode keeps these settings. The caller owns it.
    /// </summary>
    public static SocketsHttpHandler CreateHandler(ResponsesClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
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

        return handler;
    }

    /// <summary>Request body bytes sent.</summary>
    public long BytesSent => Interlocked.Read(ref _bytesSent);

    /// <summary>Response body bytes received (the SSE text: <c>event:</c> and <c>data:</c> lines).</summary>
    public long BytesReceived => Interlocked.Read(ref _bytesReceived);

    /// <summary>The request id and rate limits of the last response (null before the first, or when it had none).</summary>
    public ResponsesServerHeaders? LastServerHeaders => Volatile.Read(ref _serverHeaders);

    ResponsesServerHeaders? IResponsesTransport.ServerHeaders => LastServerHeaders;

    /// <summary>Posts the request (with <c>stream: true</c>, without <c>stream_id</c>) and yields its events through the terminal one.</summary>
    /// <exception cref="ResponsesApiException">The server answered with an error status.</exception>
    /// <exception cref="ResponseInterruptedException">The stream ended or stalled before its terminal event.</exception>
    public IAsyncEnumerable<ResponsesEvent> SendAsync(ResponseCreateRequest request, CancellationToken cancellationToken = default) =>
        SendAsync(request, views: null, cancellationToken);

    IAsyncEnumerable<ResponsesEvent> IResponsesTransport.SendAsync(ResponseCreateRequest request, TurnViewReader? views, CancellationToken cancellationToken) =>
        SendAsync(request, views, cancellationToken);

    /// <summary>
    /// <see cref="SendAsync(ResponseCreateRequest, CancellationToken)"/>, with the events decoded as views into
    /// <paramref name="views"/> (valid until the caller asks for the next one) when it is not null.
    /// </summary>
    internal async IAsyncEnumerable<ResponsesEvent> SendAsync(ResponseCreateRequest request, TurnViewReader? views, [EnumeratorCancellation] CancellationToken cancellationToken)
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

        foreach (KeyValuePair<string, string> header in _headers)
        {
            // Validated with the options; a content header (say Content-Language) belongs to the body's collection.
            if (!message.Headers.TryAddWithoutValidation(header.Key, header.Value))
            {
                message.Content.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }
        }

        // A supplied handler is fetched per request (the factory rotates them) and left to its owner; the client only wraps it.
        using HttpClient? perRequest = _handlerFactory is null ? null : CreateClient(SuppliedHandler(), disposeHandler: false);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        long sentAt = Stopwatch.GetTimestamp();
        using HttpResponseMessage response = await SendForHeadersAsync(perRequest ?? _http!, message, timeout, cancellationToken).ConfigureAwait(false);
        Volatile.Write(ref _serverHeaders, ServerHeadersOf(response, SecretRedactor.For(_options)));
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

                    ResponsesEvent item = views is null ? ResponsesEventJson.Parse(assembler.Data) : views.Read(assembler.Data, out _);
                    if (count++ == 0)
                    {
                        ResponsesClientDiagnostics.TimeToFirstEvent.Record(Stopwatch.GetElapsedTime(sentAt).TotalSeconds);
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

    /// <summary>Disposes the handler this transport created (never a supplied one).</summary>
    public void Dispose() => _http?.Dispose();

    // Timeouts are enforced per event; HttpClient's whole-request timeout would cut long streams.
    private static HttpClient CreateClient(HttpMessageHandler handler, bool disposeHandler) =>
        new(handler, disposeHandler) { Timeout = Timeout.InfiniteTimeSpan };

    private HttpMessageHandler SuppliedHandler() => _handlerFactory!() ??
        throw new InvalidOperationException($"{nameof(ResponsesClientOptions)}.{nameof(ResponsesClientOptions.HttpHandlerFactory)} returned null.");

    /// <summary>
    /// Posts and waits for the response headers (at most <c>ConnectTimeout + FirstEventTimeout</c>). A failure to reach
    /// the server is <see cref="ResponsesHttpConnectException"/> (nothing was sent); any later one is
    /// <see cref="ResponseInterruptedException"/>, since the server may have started the request.
    /// </summary>
    private async Task<HttpResponseMessage> SendForHeadersAsync(HttpClient http, HttpRequestMessage message, CancellationTokenSource timeout, CancellationToken cancellationToken)
    {
        timeout.CancelAfter(_options.ConnectTimeout + _options.FirstEventTimeout);
        try
        {
            return await http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
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
                ResponsesApiException error = ErrorFromBody((int)response.StatusCode, text, SecretRedactor.For(_options));
                error.ServerHeaders = LastServerHeaders;
                throw error;
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

    /// <summary>The operational headers of <paramref name="response"/> (request id, rate limits), credentials redacted.</summary>
    private static ResponsesServerHeaders? ServerHeadersOf(HttpResponseMessage response, SecretRedactor redactor)
    {
        List<KeyValuePair<string, string>>? kept = null;
        foreach (KeyValuePair<string, IEnumerable<string>> header in response.Headers)
        {
            if (ResponsesServerHeaders.IsKept(header.Key))
            {
                (kept ??= []).Add(new(header.Key, string.Join(", ", header.Value)));
            }
        }

        return ResponsesServerHeaders.From(kept, redactor);
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
