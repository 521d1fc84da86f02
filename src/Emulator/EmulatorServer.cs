using System;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ProtocolCore.Emulator;

/// <summary>
/// A local Responses API server on Kestrel, bound to 127.0.0.1: WebSocket mode and HTTP/SSE mode on
/// <c>/v1/responses</c>, backed by <see cref="ScriptedCodingAgent"/>. Start with <see cref="StartAsync"/>; dispose
/// to stop (open WebSockets are closed with 1001).
/// </summary>
public sealed class EmulatorServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly CancellationTokenSource _stopping;
    private int _stopped;

    private EmulatorServer(WebApplication app, CancellationTokenSource stopping, EmulatorOptions options, EmulatorCounters counters, int port)
    {
        _app = app;
        _stopping = stopping;
        Options = options;
        Counters = counters;
        Port = port;
        BaseAddress = new Uri(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}/v1/"));
        ResponsesUri = new Uri(BaseAddress, "responses");
        WebSocketUri = new Uri(string.Create(CultureInfo.InvariantCulture, $"ws://127.0.0.1:{port}{ResponsesEndpoint.Path}"));
    }

    /// <summary>The options the server was started with.</summary>
    public EmulatorOptions Options { get; }

    /// <summary>What the server saw so far: connections, responses, cache hits, rejections.</summary>
    public EmulatorCounters Counters { get; }

    /// <summary>The bound port (the ephemeral one when <see cref="EmulatorOptions.Port"/> was 0).</summary>
    public int Port { get; }

    /// <summary>The API base address, <c>http://127.0.0.1:PORT/v1/</c> (what an SDK's <c>base_url</c> takes).</summary>
    public Uri BaseAddress { get; }

    /// <summary><c>http://127.0.0.1:PORT/v1/responses</c>, for HTTP mode.</summary>
    public Uri ResponsesUri { get; }

    /// <summary><c>ws://127.0.0.1:PORT/v1/responses</c>, for WebSocket mode.</summary>
    public Uri WebSocketUri { get; }

    /// <summary>Starts a server on loopback (<see cref="EmulatorOptions.Port"/>, 0 for an ephemeral port) and returns once it listens.</summary>
    /// <param name="options">The server's options; null for the defaults.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    public static async Task<EmulatorServer> StartAsync(EmulatorOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new EmulatorOptions();
        options.Validate();

        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            Args = [],
            // Not the current directory: an appsettings.json lying there must not reconfigure the emulator.
            ContentRootPath = AppContext.BaseDirectory,
            EnvironmentName = Environments.Production,
        });

        // Silent by design: nothing (an API key in a header included) is logged.
        builder.Logging.ClearProviders();
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = TimeSpan.FromSeconds(5));
        builder.Services.AddSingleton<IHostLifetime, EmbeddedHostLifetime>();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = options.MaxMessageBytes;
            kestrel.Listen(IPAddress.Loopback, options.Port);
        });

        WebApplication app = builder.Build();
        var counters = new EmulatorCounters();
        var stopping = new CancellationTokenSource();
        var endpoint = new ResponsesEndpoint(new ResponseEngine(options, counters), stopping.Token);
        app.UseWebSockets();
        app.Run(endpoint.HandleAsync);

        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            stopping.Dispose();
            await app.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        string address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new EmulatorServer(app, stopping, options, counters, new Uri(address).Port);
    }

    /// <summary>One line for a console: the URLs and the cost model in force.</summary>
    public string Describe() =>
        $"ProtocolCore emulator on {WebSocketUri} (WebSocket) and {ResponsesUri} (HTTP/SSE); connection age limit {Options.ConnectionAgeLimit}; {Options.CostModel}";

    /// <summary>Closes every session (WebSocket close 1001) and stops listening; later calls do nothing.</summary>
    /// <param name="cancellationToken">Cuts the graceful shutdown short.</param>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref _stopped, 1) != 0)
        {
            return;
        }

        // Sessions watch this token: they close their sockets (1001) so Kestrel's shutdown does not wait on them.
        await _stopping.CancelAsync().ConfigureAwait(false);
        await _app.StopAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Stops the server (<see cref="StopAsync"/>) and releases it.</summary>
    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
        _stopping.Dispose();
    }
}
