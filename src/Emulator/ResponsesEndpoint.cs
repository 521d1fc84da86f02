using System;
using System.Buffers;
using System.Collections.Generic;
using System.IO;
using System.Net.WebSockets;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using ProtocolCore.Events;
using ProtocolCore.Requests;

namespace ProtocolCore.Emulator;

/// <summary>
/// <c>/v1/responses</c>: Bearer auth for everything, then the WebSocket upgrade (GET) or HTTP mode (POST, SSE when
/// <c>stream:true</c>). HTTP mode has no connection-local cache: a <c>previous_response_id</c> is always hydrated from
/// the persisted store.
/// </summary>
internal sealed class ResponsesEndpoint
{
    public const string Path = "/v1/responses";

    private readonly ResponseEngine _engine;
    private readonly CancellationToken _stopping;

    public ResponsesEndpoint(ResponseEngine engine, CancellationToken stopping)
    {
        _engine = engine;
        _stopping = stopping;
    }

    public async Task HandleAsync(HttpContext context)
    {
        HttpRequest request = context.Request;
        EmulatorServerHeaders.Apply(context.Response);
        if (!string.Equals(request.Path.Value, Path, StringComparison.Ordinal))
        {
            await EmulatorErrors.WriteHttpErrorAsync(context.Response, StatusCodes.Status404NotFound, EmulatorErrors.InvalidRequestError, "not_found", $"Unknown path '{request.Path.Value}'; the emulator serves {Path}.", null).ConfigureAwait(false);
            return;
        }

        if (!IsAuthorized(request))
        {
            // The key is never echoed: not in the body, not in a log.
            _engine.Counters.Rejected();
            await EmulatorErrors.WriteHttpErrorAsync(context.Response, StatusCodes.Status401Unauthorized, EmulatorErrors.InvalidRequestError, "invalid_api_key", "Incorrect API key provided. Send 'Authorization: Bearer <key>' with an accepted key.", null).ConfigureAwait(false);
            return;
        }

        if (!EmulatorFaults.TryParse(request.Query[EmulatorFaults.Key], out EmulatorFaults connectionFaults, out string? faultError))
        {
            await EmulatorErrors.WriteHttpErrorAsync(context.Response, StatusCodes.Status400BadRequest, EmulatorErrors.InvalidRequestError, "invalid_request", faultError!, EmulatorFaults.Key).ConfigureAwait(false);
            return;
        }

        if (context.WebSockets.IsWebSocketRequest)
        {
            await AcceptWebSocketAsync(context, connectionFaults).ConfigureAwait(false);
        }
        else if (HttpMethods.IsPost(request.Method))
        {
            await HandlePostAsync(context, connectionFaults).ConfigureAwait(false);
        }
        else if (HttpMethods.IsGet(request.Method))
        {
            await EmulatorErrors.WriteHttpErrorAsync(context.Response, StatusCodes.Status426UpgradeRequired, EmulatorErrors.InvalidRequestError, "upgrade_required", "GET /v1/responses must be a WebSocket upgrade.", null).ConfigureAwait(false);
        }
        else
        {
            await EmulatorErrors.WriteHttpErrorAsync(context.Response, StatusCodes.Status405MethodNotAllowed, EmulatorErrors.InvalidRequestError, "method_not_allowed", $"{request.Method} is not supported on {Path}.", null).ConfigureAwait(false);
        }
    }

    private bool IsAuthorized(HttpRequest request)
    {
        string? header = request.Headers.Authorization;
        const string Scheme = "Bearer ";
        if (header is null || !header.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        string key = header[Scheme.Length..].Trim();
        if (key.Length == 0)
        {
            return false;
        }

        IReadOnlyCollection<string>? accepted = _engine.Options.AcceptedApiKeys;
        if (accepted is null)
        {
            return true;
        }

        foreach (string candidate in accepted)
        {
            if (string.Equals(candidate, key, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The upgrade carries <c>OpenAI-Beta: responses_multi_agent=v1</c> (one of possibly several comma-separated betas).</summary>
    private static bool MultiAgentBeta(HttpRequest request)
    {
        foreach (string? value in request.Headers["OpenAI-Beta"])
        {
            foreach (string beta in (value ?? "").Split(',', StringSplitOptions.TrimEntries))
            {
                if (beta == "responses_multi_agent=v1")
                {
                    return true;
                }
            }
        }

        return false;
    }

    private async Task AcceptWebSocketAsync(HttpContext context, EmulatorFaults connectionFaults)
    {
        if (_engine.Options.RefuseWebSocketUpgrade)
        {
            _engine.Counters.UpgradeRefused();
            await EmulatorErrors.WriteHttpErrorAsync(context.Response, StatusCodes.Status426UpgradeRequired, EmulatorErrors.InvalidRequestError, "websocket_not_available", "WebSocket mode is not available on this server; use HTTP (POST /v1/responses).", null).ConfigureAwait(false);
            return;
        }

        WebSocket socket = await context.WebSockets.AcceptWebSocketAsync(new WebSocketAcceptContext
        {
            // Negotiated only when the client offers permessage-deflate.
            DangerousEnableCompression = _engine.Options.EnablePerMessageDeflate,
        }).ConfigureAwait(false);
        _engine.Counters.WebSocketConnected();
        using (socket)
        {
            using var session = new WebSocketSession(_engine, socket, connectionFaults, MultiAgentBeta(context.Request));
            await session.RunAsync(_stopping).ConfigureAwait(false);
        }
    }

    private async Task HandlePostAsync(HttpContext context, EmulatorFaults connectionFaults)
    {
        HttpResponse response = context.Response;
        ReadOnlyMemory<byte> body;
        try
        {
            body = await ReadBodyAsync(context.Request, _engine.Options.MaxMessageBytes, context.RequestAborted).ConfigureAwait(false);
        }
        catch (InvalidDataException e)
        {
            _engine.Counters.MessageTooLarge();
            await EmulatorErrors.WriteHttpErrorAsync(response, StatusCodes.Status413PayloadTooLarge, EmulatorErrors.InvalidRequestError, "request_too_large", e.Message, null).ConfigureAwait(false);
            return;
        }

        if (!RequestDecoder.TryReadType(body.Span, out _, out string? error) || !RequestDecoder.TryDecode(body, out ResponseCreateRequest? decoded, out error))
        {
            await EmulatorErrors.WriteHttpErrorAsync(response, StatusCodes.Status400BadRequest, EmulatorErrors.InvalidRequestError, "invalid_request", error!, null).ConfigureAwait(false);
            return;
        }

        ResponseCreateRequest request = decoded!;

        // stream_id is WebSocket-only.
        request.StreamId = null;
        if (!_engine.TryResolveFaults(request, connectionFaults, out EmulatorFaults faults, out error))
        {
            await EmulatorErrors.WriteHttpErrorAsync(response, StatusCodes.Status400BadRequest, EmulatorErrors.InvalidRequestError, "invalid_request", error!, "metadata." + EmulatorFaults.Key).ConfigureAwait(false);
            return;
        }

        if (request.Background == true || (request.PreviousResponseId is not null && request.Conversation is not null))
        {
            string message = request.Background == true
                ? "'background' is not supported by the emulator."
                : "'previous_response_id' cannot be used together with 'conversation'.";
            await EmulatorErrors.WriteHttpErrorAsync(response, StatusCodes.Status400BadRequest, EmulatorErrors.InvalidRequestError, "invalid_request", message, request.Background == true ? "background" : "previous_response_id").ConfigureAwait(false);
            return;
        }

        ConversationContext? previous = null;
        ContextSource source = ContextSource.NewChain;
        if (request.PreviousResponseId is { } previousId)
        {
            if (!_engine.TryGetPersisted(previousId, out ConversationContext stored))
            {
                _engine.Counters.NotFound();
                await EmulatorErrors.WriteHttpErrorAsync(response, EmulatorErrors.PreviousResponseNotFound(previousId, null)).ConfigureAwait(false);
                return;
            }

            (previous, source) = (stored, ContextSource.PersistedStore);
        }

        _engine.Counters.ContextResolved(source);
        CancellationToken cancellationToken = context.RequestAborted;

        // Persisted before the terminal event is streamed: a client may continue from the response as soon as it reads it.
        Action<string, ConversationContext>? commit = request.Store != false ? _engine.Persist : null;
        if (request.Stream == true)
        {
            response.StatusCode = StatusCodes.Status200OK;
            response.ContentType = "text/event-stream; charset=utf-8";
            response.Headers.CacheControl = "no-cache";
            var sink = new SseEventSink(context);
            await new ResponseRunner(_engine, request, sink, faults) { CommitSucceeded = commit }.RunAsync(previous, source, cancellationToken).ConfigureAwait(false);
            await sink.Aborting.ConfigureAwait(false);
        }
        else
        {
            var sink = new CollectingEventSink();
            await new ResponseRunner(_engine, request, sink, faults) { CommitSucceeded = commit }.RunAsync(previous, source, cancellationToken).ConfigureAwait(false);
            if (sink.Aborted)
            {
                context.Abort();
                return;
            }

            if (sink.Error is { } failure)
            {
                await EmulatorErrors.WriteHttpErrorAsync(response, StatusCodes.Status500InternalServerError, "server_error", failure.Code?.ToString(), failure.Message?.ToString() ?? "error", null).ConfigureAwait(false);
                return;
            }

            response.StatusCode = StatusCodes.Status200OK;
            response.ContentType = "application/json";
            using (var writer = new Utf8JsonWriter(response.BodyWriter, ResponsesEventJson.WriterOptions))
            {
                sink.Response!.WriteJson(writer);
            }

            await response.BodyWriter.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task<ReadOnlyMemory<byte>> ReadBodyAsync(HttpRequest request, int limit, CancellationToken cancellationToken)
    {
        if (request.ContentLength > limit)
        {
            throw new InvalidDataException($"The request body may not exceed {limit} bytes.");
        }

        var body = new ArrayBufferWriter<byte>((int)Math.Clamp(request.ContentLength ?? 4096, 256, limit));
        while (true)
        {
            Memory<byte> destination = body.GetMemory(8192);
            int read = await request.Body.ReadAsync(destination, cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                return body.WrittenMemory;
            }

            body.Advance(read);
            if (body.WrittenCount > limit)
            {
                throw new InvalidDataException($"The request body may not exceed {limit} bytes.");
            }
        }
    }
}
