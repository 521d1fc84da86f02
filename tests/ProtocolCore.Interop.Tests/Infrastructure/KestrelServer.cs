using System;
using System.Buffers;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Net.WebSockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ProtocolCore.Interop.Tests;

/// <summary>
/// ASP.NET Core's WebSocket middleware on Kestrel, on 127.0.0.1 with ephemeral ports for ws:// and wss:// (a
/// self-signed certificate). Endpoints: /echo (?deflate=1 enables permessage-deflate), /close?code=&amp;reason=,
/// /record-close (reports the client's close), /reject401 and /reject426 (refusals with a body).
/// </summary>
public sealed class KestrelServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private KestrelServer(WebApplication app, Uri http, Uri https)
    {
        _app = app;
        Http = http;
        Https = https;
    }

    public Uri Http { get; }

    public Uri Https { get; }

    /// <summary>The close status and description the last /record-close connection received from the client.</summary>
    public TaskCompletionSource<(WebSocketCloseStatus? Status, string? Description)> RecordedClose { get; private set; } = NewRecord();

    public Uri Ws(string pathAndQuery) => new($"ws://127.0.0.1:{Http.Port}{pathAndQuery}");

    public Uri Wss(string pathAndQuery) => new($"wss://127.0.0.1:{Https.Port}{pathAndQuery}");

    public void ResetRecordedClose() => RecordedClose = NewRecord();

    public static async Task<KestrelServer> StartAsync()
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(options =>
        {
            options.Limits.MaxRequestBodySize = null;
            options.Listen(IPAddress.Loopback, 0);
            options.Listen(IPAddress.Loopback, 0, listen => listen.UseHttps(TestCertificates.Localhost));
        });

        WebApplication app = builder.Build();
        KestrelServer? self = null;
        app.UseWebSockets(new WebSocketOptions { KeepAliveInterval = TimeSpan.Zero });
        app.Run(async context =>
        {
            string path = context.Request.Path.Value ?? string.Empty;
            if (path is "/reject401" or "/reject426")
            {
                bool unauthorized = path == "/reject401";
                context.Response.StatusCode = unauthorized ? 401 : 426;
                context.Response.ContentType = "application/json";
                string seen = context.Request.Headers.Authorization.ToString();
                await context.Response.WriteAsync(
                    unauthorized
                        ? $"{{\"error\":{{\"message\":\"Incorrect API key provided\",\"seen\":\"{seen}\"}}}}"
                        : "{\"error\":{\"message\":\"Upgrade required: use HTTP\"}}");
                return;
            }

            if (!context.WebSockets.IsWebSocketRequest)
            {
                context.Response.StatusCode = 400;
                return;
            }

            bool deflate = context.Request.Query["deflate"] == "1";
            using WebSocket socket = await context.WebSockets.AcceptWebSocketAsync(new WebSocketAcceptContext { DangerousEnableCompression = deflate });
            switch (path)
            {
                case "/echo":
                    await EchoAsync(socket, context.RequestAborted);
                    break;
                case "/close":
                    int code = int.Parse(context.Request.Query["code"].FirstOrDefault() ?? "1000", CultureInfo.InvariantCulture);
                    await socket.CloseAsync((WebSocketCloseStatus)code, context.Request.Query["reason"].FirstOrDefault() ?? string.Empty, context.RequestAborted);
                    break;
                case "/record-close":
                    var buffer = new byte[1024];
                    WebSocketReceiveResult result;
                    do
                    {
                        result = await socket.ReceiveAsync(buffer, context.RequestAborted);
                    }
                    while (result.MessageType != WebSocketMessageType.Close);
                    self!.RecordedClose.TrySetResult((socket.CloseStatus, socket.CloseStatusDescription));
                    await socket.CloseOutputAsync(socket.CloseStatus ?? WebSocketCloseStatus.NormalClosure, null, context.RequestAborted);
                    break;
            }
        });

        await app.StartAsync();
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        Uri http = new(addresses.First(a => a.StartsWith("http://", StringComparison.Ordinal)));
        Uri https = new(addresses.First(a => a.StartsWith("https://", StringComparison.Ordinal)));
        self = new KestrelServer(app, http, https);
        return self;
    }

    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await _app.StopAsync(timeout.Token);
        await _app.DisposeAsync();
    }

    private static async Task EchoAsync(WebSocket socket, CancellationToken cancellationToken)
    {
        var message = new ArrayBufferWriter<byte>();
        while (true)
        {
            message.ResetWrittenCount();
            ValueWebSocketReceiveResult result;
            do
            {
                result = await socket.ReceiveAsync(message.GetMemory(64 * 1024), cancellationToken);
                message.Advance(result.Count);
            }
            while (!result.EndOfMessage);

            if (result.MessageType == WebSocketMessageType.Close)
            {
                await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, cancellationToken);
                return;
            }

            await socket.SendAsync(message.WrittenMemory, result.MessageType, true, cancellationToken);
        }
    }

    private static TaskCompletionSource<(WebSocketCloseStatus?, string?)> NewRecord() =>
        new(TaskCreationOptions.RunContinuationsAsynchronously);
}
