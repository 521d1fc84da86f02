using System;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Net.WebSockets;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ProtocolCore.Tests.Secrets;

/// <summary>
/// A Responses endpoint on Kestrel (127.0.0.1) that rejects every credential by echoing it in full, the way a server
/// once answered "Incorrect API key provided: sk-…": on the WebSocket path chosen by <see cref="KeyEcho"/>, and in the
/// 401 JSON body of every HTTP POST. The echoed credential is the Bearer token of the request's Authorization header.
/// </summary>
internal sealed class KeyEchoingServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private KeyEchoingServer(WebApplication app, int port)
    {
        _app = app;
        BaseAddress = new Uri(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}/v1/"));
        WebSocketUri = new Uri(string.Create(CultureInfo.InvariantCulture, $"ws://127.0.0.1:{port}/v1/responses"));
    }

    /// <summary>The API base address, <c>http://127.0.0.1:PORT/v1/</c>.</summary>
    public Uri BaseAddress { get; }

    /// <summary><c>ws://127.0.0.1:PORT/v1/responses</c>.</summary>
    public Uri WebSocketUri { get; }

    public static async Task<KeyEchoingServer> StartAsync(KeyEcho echo)
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            Args = [],
            ContentRootPath = AppContext.BaseDirectory,
            EnvironmentName = Environments.Production,
        });
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        WebApplication app = builder.Build();
        app.UseWebSockets();
        app.Run(context => HandleAsync(context, echo));
        await app.StartAsync().ConfigureAwait(false);
        string address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new KeyEchoingServer(app, new Uri(address).Port);
    }

    /// <summary>The rejection text a careless server sends.</summary>
    public static string Rejection(string key) => $"Incorrect API key provided: {key}. You can find your API key in your account settings.";

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    private static async Task HandleAsync(HttpContext context, KeyEcho echo)
    {
        string authorization = context.Request.Headers.Authorization.ToString();
        string key = authorization.StartsWith("Bearer ", StringComparison.Ordinal) ? authorization["Bearer ".Length..] : authorization;
        if (!context.WebSockets.IsWebSocketRequest && echo == KeyEcho.SseErrorEvent)
        {
            context.Response.ContentType = "text/event-stream";
            await context.Response.WriteAsync("event: error\ndata: ").ConfigureAwait(false);
            await context.Response.Body.WriteAsync(FlatErrorJson(key)).ConfigureAwait(false);
            await context.Response.WriteAsync("\n\n").ConfigureAwait(false);
            return;
        }

        if (!context.WebSockets.IsWebSocketRequest)
        {
            await WriteErrorAsync(context, StatusCodes.Status401Unauthorized, key).ConfigureAwait(false);
            return;
        }

        switch (echo)
        {
            case KeyEcho.RefusedUpgrade:
                context.Response.Headers.WWWAuthenticate = $"Bearer error=\"invalid_token\", error_description=\"{key} is not valid\"";
                context.Features.Get<IHttpResponseFeature>()!.ReasonPhrase = $"Bad key {key}";
                await WriteErrorAsync(context, StatusCodes.Status401Unauthorized, key).ConfigureAwait(false);
                return;
            case KeyEcho.UpgradeRequired or KeyEcho.SseErrorEvent:
                // With a body, as real servers send one (an empty one kept the client reading until its handshake timeout).
                context.Response.StatusCode = StatusCodes.Status426UpgradeRequired;
                context.Response.ContentType = "application/json";
                await context.Response.WriteAsync("""{"error":{"type":"invalid_request_error","code":"upgrade_required","message":"Use HTTP.","param":null}}""").ConfigureAwait(false);
                return;
        }

        using WebSocket socket = await context.WebSockets.AcceptWebSocketAsync().ConfigureAwait(false);
        CancellationToken aborted = context.RequestAborted;
        var buffer = new byte[64 * 1024];
        WebSocketReceiveResult first = await socket.ReceiveAsync(buffer, aborted).ConfigureAwait(false);
        if (first.MessageType == WebSocketMessageType.Close)
        {
            await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, aborted).ConfigureAwait(false);
            return;
        }

        if (echo == KeyEcho.CloseReason)
        {
            await socket.CloseAsync(WebSocketCloseStatus.PolicyViolation, $"invalid key {key}", aborted).ConfigureAwait(false);
            return;
        }

        byte[] error = ErrorJson(key, writer =>
        {
            writer.WriteString("type"u8, "error"u8);
            writer.WriteNumber("status"u8, StatusCodes.Status401Unauthorized);
        });
        await socket.SendAsync(error, WebSocketMessageType.Text, endOfMessage: true, aborted).ConfigureAwait(false);

        // Then wait for the client's close (or its disconnect) and answer it.
        while ((await socket.ReceiveAsync(buffer, aborted).ConfigureAwait(false)).MessageType != WebSocketMessageType.Close)
        {
        }

        await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, aborted).ConfigureAwait(false);
    }

    private static Task WriteErrorAsync(HttpContext context, int status, string key)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        return context.Response.Body.WriteAsync(ErrorJson(key, null)).AsTask();
    }

    /// <summary>The flat form SSE uses: <c>{"type":"error","code","message","param"}</c>, the key in the message.</summary>
    private static byte[] FlatErrorJson(string key)
    {
        using var stream = new System.IO.MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            writer.WriteString("type"u8, "error"u8);
            writer.WriteString("code"u8, "invalid_api_key"u8);
            writer.WriteString("message"u8, Rejection(key));
            writer.WriteNull("param"u8);
            writer.WriteEndObject();
        }

        return stream.ToArray();
    }

    /// <summary><c>{...,"error":{"type","code","message","param"}}</c> with the key in the message and the param.</summary>
    private static byte[] ErrorJson(string key, Action<Utf8JsonWriter>? head)
    {
        using var stream = new System.IO.MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            head?.Invoke(writer);
            writer.WriteStartObject("error"u8);
            writer.WriteString("type"u8, "invalid_request_error"u8);
            writer.WriteString("code"u8, "invalid_api_key"u8);
            writer.WriteString("message"u8, Rejection(key));
            writer.WriteString("param"u8, key);
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        return stream.ToArray();
    }
}
