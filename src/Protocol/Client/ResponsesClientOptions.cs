using System;
using System.Net.Http;
using ProtocolCore.WebSockets;

namespace ProtocolCore.Client;

/// <summary>
/// Where and how a <see cref="ResponsesSession"/> talks to the Responses API: base URL, API key, and every timeout and
/// limit the client layer applies. The API key is write-only in spirit: it is never printed by <see cref="ToString"/>,
/// logged, or put into an exception message.
/// </summary>
public sealed class ResponsesClientOptions
{
    /// <summary>
    /// The API base URL; <c>/responses</c> is appended unless the path already ends with it, so the endpoint itself
    /// (<c>wss://api.openai.com/v1/responses</c>) works too. Any of http, https, ws and wss: each mode uses its own
    /// scheme of the pair (http/ws, https/wss).
    /// </summary>
    public Uri BaseUrl { get; set; } = new("https://api.openai.com/v1/");

    /// <summary>
    /// Sent as <c>Authorization: Bearer</c>. A server that echoes it back has it replaced by <c>[redacted]</c> in every
    /// exception built from its text; a key under 8 characters is not searched for (it would match ordinary words).
    /// </summary>
    public string? ApiKey { get; set; }

    /// <summary>TCP connect plus WebSocket upgrade (or HTTP request headers) must finish within this time.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The first event of a response must arrive within this time after the request was sent.</summary>
    public TimeSpan FirstEventTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The longest silence allowed between two events of one response.</summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// A connection older than this is replaced between turns. Upstream closes sockets at 60 minutes; rotating earlier
    /// means a turn never starts on a socket that is about to be cut.
    /// </summary>
    public TimeSpan MaxConnectionAge { get; set; } = TimeSpan.FromMinutes(55);

    /// <summary>How many times a turn reconnects after a recoverable close or <c>websocket_connection_limit_reached</c>.</summary>
    public int MaxReconnectAttempts { get; set; } = 5;

    /// <summary>
    /// Responses one connection runs at once across its <c>stream_id</c> lanes (one per lane; spec §1.6 allows 16). A
    /// request beyond it waits on the client, so the server never queues it behind an unrelated lane.
    /// </summary>
    public int MaxInFlightResponses { get; set; } = 16;

    /// <summary>
    /// Distinct named <c>stream_id</c> lanes one connection may use (spec §1.6: 32; the default lane is not counted). The
    /// next new name throws <see cref="ResponsesLaneLimitException"/> before it is sent (a pool's lane lease goes to another socket).
    /// </summary>
    public int MaxLanesPerConnection { get; set; } = 32;

    /// <summary>
    /// The largest client message (<c>response.create</c>, <c>response.steer</c>, <c>response.inject</c>) sent over a
    /// WebSocket, in bytes of UTF-8 JSON. OpenAI does not document the server's limit; a message over it gets the socket
    /// closed with 1009, which also ends the other lanes' responses. The default, 15 MiB (15,728,640), is our choice: 1 MiB
    /// under the 16 MiB boundary measured against the service (a request of 16,777,000 bytes passed, 16,777,300 was
    /// closed). A larger <c>response.create</c> is never written: when it carries the full context (after a reconnect,
    /// a rotation, a fork or a change of fields) and the conversation is stored (<c>store: true</c> in the template and
    /// on the last response), the session chains through the store with <c>previous_response_id</c> instead; otherwise,
    /// with <see cref="AllowHttpFallback"/>, that one turn goes over HTTP mode; otherwise the turn throws
    /// <see cref="ResponsesRequestTooLargeException"/>, and the connection stays open. Not the receive limit (that is
    /// <see cref="WebSocketClientOptions.MaxMessageLength"/>).
    /// </summary>
    public int MaxRequestMessageBytes { get; set; } = DefaultMaxRequestMessageBytes;

    /// <summary>The default of <see cref="MaxRequestMessageBytes"/>: 15 MiB, 1 MiB under the server's measured 16 MiB.</summary>
    public const int DefaultMaxRequestMessageBytes = 15 * 1024 * 1024;

    /// <summary>
    /// Events one response may have waiting while its caller is busy and another lane's caller reads the socket. The
    /// socket has no per-lane flow control: past this, reading waits for that caller, and so do the other lanes.
    /// (Events of a lane whose caller is the reader are not buffered here; unread messages wait in the transport's
    /// <see cref="WebSocketClientOptions.ReceiveQueueCapacity"/>.)
    /// </summary>
    public int MaxBufferedEventsPerResponse { get; set; } = 1024;

    /// <summary>The first reconnect delay; it doubles per attempt up to <see cref="ReconnectMaxDelay"/>, with jitter.</summary>
    public TimeSpan ReconnectBaseDelay { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>The cap on one reconnect delay.</summary>
    public TimeSpan ReconnectMaxDelay { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Use HTTP mode when the WebSocket upgrade is refused (426) or fails before anything was sent.</summary>
    public bool AllowHttpFallback { get; set; } = true;

    /// <summary>
    /// Read by <see cref="ResponsesClient"/> only: 0 (the default) gives each session it creates a connection of its own;
    /// a positive number makes its WebSocket-mode sessions share a <see cref="ResponsesConnectionPool"/> of up to that
    /// many connections (many conversations, few sockets).
    /// </summary>
    public int ConnectionPoolSize { get; set; }

    /// <summary>
    /// Opts in to the multi-agent beta: connections send <c>OpenAI-Beta: responses_multi_agent=v1</c>, which
    /// <see cref="ResponsesSession.InjectAsync"/> (<c>response.inject</c>) needs. Off by default.
    /// </summary>
    public bool EnableMultiAgentBeta { get; set; }

    /// <summary>
    /// Passed to the WebSocket transport for everything below the session (keep-alive, message limits, compression,
    /// proxy, TLS validation); its <see cref="WebSocketClientOptions.Headers"/> go with HTTP-mode requests too. Its <see cref="WebSocketClientOptions.ApiKey"/> and <see cref="WebSocketClientOptions.ConnectTimeout"/>
    /// are overridden by this object's values.
    /// </summary>
    public WebSocketClientOptions WebSocket { get; set; } = new();

    /// <summary>
    /// Hears connects, reconnects and their reasons, the fallback to HTTP mode, interrupted turns and
    /// <c>previous_response_not_found</c> recovery (for logging; <c>ProtocolCore.Extensions.Hosting</c> sets an
    /// <c>ILogger</c> one). Null (the default) reports nothing.
    /// </summary>
    public ResponsesClientObserver? Observer { get; set; }

    /// <summary>
    /// Supplies HTTP mode's message handler, called once per request (as <c>IHttpMessageHandlerFactory.CreateHandler</c>
    /// expects; <c>ProtocolCore.Extensions.Hosting</c> sets it so). The client never disposes a handler it did not
    /// create. Null (the default): each HTTP-mode transport creates and owns a handler from these options (proxy, TLS
    /// validation, timeouts; see <see cref="ResponsesHttpTransport.CreateHandler"/>).
    /// </summary>
    public Func<HttpMessageHandler>? HttpHandlerFactory { get; set; }

    /// <summary>
    /// Put before the library's own product in the <c>User-Agent</c> both transports send
    /// (<c>&lt;id&gt; ProtocolCore/&lt;version&gt; (&lt;.NET&gt;; &lt;OS&gt;)</c>), as the Azure SDK's
    /// <c>ApplicationId</c>: 1 to 24 visible ASCII characters without spaces. A <c>User-Agent</c> among
    /// <see cref="WebSocketClientOptions.Headers"/> replaces the whole value instead.
    /// </summary>
    public string? ApplicationId { get; set; }

    /// <summary>The WebSocket URL for <see cref="BaseUrl"/>: <c>{base}/responses</c> with ws or wss.</summary>
    public Uri WebSocketUri => Endpoint(secure: "wss", plain: "ws");

    /// <summary>The HTTP URL for <see cref="BaseUrl"/>: <c>{base}/responses</c> with http or https.</summary>
    public Uri ResponsesUri => Endpoint(secure: Uri.UriSchemeHttps, plain: Uri.UriSchemeHttp);

    private Uri Endpoint(string secure, string plain)
    {
        var builder = new UriBuilder(BaseUrl);
        bool isDefaultPort = BaseUrl.IsDefaultPort;
        builder.Scheme = BaseUrl.Scheme is "https" or "wss" ? secure : plain;

        // An explicit port is kept; a default one follows the new scheme rather than staying, say, :80 under ws.
        builder.Port = isDefaultPort ? -1 : BaseUrl.Port;

        // The endpoint given as the base (as the WebSocket URL is usually quoted) must not become /responses/responses.
        string path = builder.Path.TrimEnd('/');
        builder.Path = path.EndsWith("/responses", StringComparison.Ordinal) ? path : path + "/responses";
        return builder.Uri;
    }

    /// <summary>Checks every value; called when a session or transport is created.</summary>
    /// <exception cref="ArgumentException">A value is out of range.</exception>
    public void Validate()
    {
        ArgumentNullException.ThrowIfNull(BaseUrl);
        ArgumentNullException.ThrowIfNull(WebSocket);
        if (!BaseUrl.IsAbsoluteUri || BaseUrl.Scheme is not ("http" or "https" or "ws" or "wss"))
        {
            throw new ArgumentException("BaseUrl must be an absolute http, https, ws or wss URL.", nameof(BaseUrl));
        }

        RequirePositive(ConnectTimeout, nameof(ConnectTimeout));
        RequirePositive(FirstEventTimeout, nameof(FirstEventTimeout));
        RequirePositive(IdleTimeout, nameof(IdleTimeout));
        RequirePositive(MaxConnectionAge, nameof(MaxConnectionAge));
        ArgumentOutOfRangeException.ThrowIfNegative(MaxReconnectAttempts, nameof(MaxReconnectAttempts));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxInFlightResponses, 1, nameof(MaxInFlightResponses));
        ArgumentOutOfRangeException.ThrowIfNegative(MaxLanesPerConnection, nameof(MaxLanesPerConnection));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxBufferedEventsPerResponse, 1, nameof(MaxBufferedEventsPerResponse));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxRequestMessageBytes, 1024, nameof(MaxRequestMessageBytes));
        ArgumentOutOfRangeException.ThrowIfNegative(ConnectionPoolSize, nameof(ConnectionPoolSize));
        WebSocketClientOptions.ValidateIdleBufferReleaseDelay(WebSocket.IdleBufferReleaseDelay, $"{nameof(WebSocket)}.{nameof(WebSocketClientOptions.IdleBufferReleaseDelay)}");
        if (ReconnectBaseDelay < TimeSpan.Zero || ReconnectMaxDelay < ReconnectBaseDelay)
        {
            throw new ArgumentException("Reconnect delays must be non-negative and the cap at least the base delay.", nameof(ReconnectMaxDelay));
        }

        ClientRequestHeaders.Validate(this);
    }

    /// <summary>A copy whose later changes do not reach the original (the WebSocket options object is shared).</summary>
    internal ResponsesClientOptions Clone() => (ResponsesClientOptions)MemberwiseClone();

    internal WebSocketClientOptions CreateWebSocketOptions()
    {
        WebSocketClientOptions source = WebSocket;
        var options = new WebSocketClientOptions
        {
            ApiKey = ApiKey,
            ConnectTimeout = ConnectTimeout,
            HandshakeTimeout = ConnectTimeout,
            MaxResponseHeaderBytes = source.MaxResponseHeaderBytes,
            MaxErrorBodyBytes = source.MaxErrorBodyBytes,
            MaxFramePayloadLength = source.MaxFramePayloadLength,
            MaxMessageLength = source.MaxMessageLength,
            ReceiveQueueCapacity = source.ReceiveQueueCapacity,
            IdleBufferReleaseDelay = source.IdleBufferReleaseDelay,
            IoMode = source.IoMode,
            KeepAliveInterval = source.KeepAliveInterval,
            KeepAliveTimeout = source.KeepAliveTimeout,
            CloseTimeout = source.CloseTimeout,
            EnableCompression = source.EnableCompression,
            CompressOutgoingMessages = source.CompressOutgoingMessages,
            RemoteCertificateValidationCallback = source.RemoteCertificateValidationCallback,
            Proxy = source.Proxy,
            UseEnvironmentProxy = source.UseEnvironmentProxy,
            NoProxy = source.NoProxy,
        };
        foreach (var header in ClientRequestHeaders.For(this))
        {
            options.Headers.Add(header);
        }

        if (EnableMultiAgentBeta)
        {
            options.Headers.Add(new("OpenAI-Beta", "responses_multi_agent=v1"));
        }

        return options;
    }

    /// <summary>Describes the options without the API key (only whether one is set).</summary>
    public override string ToString() =>
        $"ResponsesClientOptions {{ BaseUrl = {BaseUrl}, ApiKey = {(string.IsNullOrEmpty(ApiKey) ? "(none)" : "(set)")}, " +
        $"ConnectTimeout = {ConnectTimeout}, FirstEventTimeout = {FirstEventTimeout}, IdleTimeout = {IdleTimeout}, " +
        $"MaxConnectionAge = {MaxConnectionAge}, MaxReconnectAttempts = {MaxReconnectAttempts}, MaxInFlightResponses = {MaxInFlightResponses}, MaxLanesPerConnection = {MaxLanesPerConnection}, " +
        $"MaxBufferedEventsPerResponse = {MaxBufferedEventsPerResponse}, MaxRequestMessageBytes = {MaxRequestMessageBytes}, " +
        $"ReconnectBaseDelay = {ReconnectBaseDelay}, ReconnectMaxDelay = {ReconnectMaxDelay}, AllowHttpFallback = {AllowHttpFallback}, ConnectionPoolSize = {ConnectionPoolSize}, EnableMultiAgentBeta = {EnableMultiAgentBeta} }}";

    private static void RequirePositive(TimeSpan value, string name)
    {
        if (value <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(name, value, "Must be positive.");
        }
    }
}
