using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using ProtocolCore.Requests;

namespace ProtocolCore.Client;

/// <summary>
/// Where a program starts: the options every conversation shares (the API key read from <c>OPENAI_API_KEY</c> when
/// none is given, the OpenAI API as the base URL), and the connections its sessions use: one each, or a shared
/// <see cref="ResponsesConnectionPool"/> when <see cref="ResponsesClientOptions.ConnectionPoolSize"/> is positive.
/// It owns what it creates: disposing it disposes every session it created that is still alive, then the pool.
/// </summary>
public sealed class ResponsesClient : IAsyncDisposable
{
    /// <summary>The environment variable the API key is read from when the options carry none (as the OpenAI SDKs do).</summary>
    public const string ApiKeyEnvironmentVariable = "OPENAI_API_KEY";

    /// <summary>The environment variable <see cref="ResponsesClient()"/> reads the base URL from, when it is set.</summary>
    public const string BaseUrlEnvironmentVariable = "OPENAI_BASE_URL";

    // Sessions the caller drops without disposing must not be kept alive by the client: the table holds them weakly.
    private static readonly object s_tracked = new();
    private readonly ConditionalWeakTable<ResponsesSession, object> _sessions = new();
    private readonly ResponsesClientOptions _options;
    private readonly ResponsesConnectionPool? _pool;
    private int _disposed;

    /// <summary>
    /// A client configured from the environment: the key from <c>OPENAI_API_KEY</c>, the base URL from
    /// <c>OPENAI_BASE_URL</c> when it is set (else <c>https://api.openai.com/v1/</c>), every other option at its default.
    /// </summary>
    /// <exception cref="ArgumentException"><c>OPENAI_BASE_URL</c> is set but is not an absolute http, https, ws or wss URL.</exception>
    public ResponsesClient()
        : this(FromEnvironment())
    {
    }

    /// <summary>
    /// A client with <paramref name="options"/>, copied now (later changes to the object are not seen). A null
    /// <see cref="ResponsesClientOptions.ApiKey"/> is read from <c>OPENAI_API_KEY</c>.
    /// </summary>
    /// <exception cref="ArgumentException">An option is out of range.</exception>
    public ResponsesClient(ResponsesClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ResponsesClientOptions own = options.Clone();
        own.ApiKey ??= Environment.GetEnvironmentVariable(ApiKeyEnvironmentVariable) is { Length: > 0 } key ? key : null;
        own.Validate();
        _options = own;
        if (own.ConnectionPoolSize > 0)
        {
            _pool = new ResponsesConnectionPool(own, own.ConnectionPoolSize);
        }
    }

    /// <summary>The base URL requests go to.</summary>
    public Uri BaseUrl => _options.BaseUrl;

    /// <summary>The pool the client's WebSocket-mode sessions share, or null when each has its own connection.</summary>
    public ResponsesConnectionPool? Pool => _pool;

    /// <summary>
    /// A new conversation: <paramref name="template"/> holds the request's non-input fields (model, instructions,
    /// tools...), as for <see cref="ResponsesSession(ResponsesClientOptions, ResponseCreateRequest, ResponsesTransportMode)"/>.
    /// A WebSocket-mode session rents its connections from <see cref="Pool"/> when there is one.
    /// </summary>
    /// <exception cref="ObjectDisposedException">The client was disposed.</exception>
    public ResponsesSession CreateSession(ResponseCreateRequest template, ResponsesTransportMode mode = ResponsesTransportMode.WebSocket)
    {
        ArgumentNullException.ThrowIfNull(template);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        ResponsesSession session = _pool is not null && mode == ResponsesTransportMode.WebSocket
            ? new ResponsesSession(_pool, template)
            : new ResponsesSession(_options, template, mode);
        _sessions.AddOrUpdate(session, s_tracked);
        return session;
    }

    /// <summary>Disposes every session this client created that is still alive, then the pool. Never throws.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        var alive = new List<ResponsesSession>();
        foreach (KeyValuePair<ResponsesSession, object> entry in _sessions)
        {
            alive.Add(entry.Key);
        }

        _sessions.Clear();
        foreach (ResponsesSession session in alive)
        {
            // Disposing a session twice (the caller's await using, then this) is harmless; it never throws.
            await session.DisposeAsync().ConfigureAwait(false);
        }

        if (_pool is not null)
        {
            await _pool.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Describes the client without the API key (only whether one is set).</summary>
    public override string ToString() =>
        $"ResponsesClient {{ BaseUrl = {_options.BaseUrl}, ApiKey = {(string.IsNullOrEmpty(_options.ApiKey) ? "(none)" : "(set)")}, ConnectionPoolSize = {_options.ConnectionPoolSize} }}";

    private static ResponsesClientOptions FromEnvironment()
    {
        var options = new ResponsesClientOptions();
        if (Environment.GetEnvironmentVariable(BaseUrlEnvironmentVariable) is { Length: > 0 } baseUrl)
        {
            if (!Uri.TryCreate(baseUrl, UriKind.Absolute, out Uri? uri) || uri.Scheme is not ("http" or "https" or "ws" or "wss"))
            {
                throw new ArgumentException($"{BaseUrlEnvironmentVariable} must be an absolute http, https, ws or wss URL.", BaseUrlEnvironmentVariable);
            }

            options.BaseUrl = uri;
        }

        return options;
    }
}
