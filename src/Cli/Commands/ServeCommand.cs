using System;
using System.CommandLine;
using System.Globalization;
using System.IO;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using ProtocolCore.Emulator;

namespace ProtocolCore.Cli.Commands;

/// <summary><c>protocolcore serve</c>: runs the local Responses emulator until Ctrl-C, for other clients and SDKs.</summary>
internal static class ServeCommand
{
    public static Command Create()
    {
        var port = new Option<int>("--port")
        {
            Description = "The loopback port to listen on; 0 picks a free one.",
            DefaultValueFactory = _ => 0,
            CustomParser = OptionValues.Int32(0, 65535),
        };
        var ageLimit = new Option<double>("--age-limit")
        {
            Description = "WebSocket connection age limit in seconds (60 minutes upstream).",
            DefaultValueFactory = _ => 3600,

            // At most 24 days: what a timer (and so the emulator's age check) can wait.
            CustomParser = OptionValues.Double(0, TimeSpan.FromDays(24).TotalSeconds),
        };
        var zeroCost = new Option<bool>("--zero-cost")
        {
            Description = "No simulated compute: responses are as fast as the transport allows.",
        };
        var apiKey = new Option<string[]>("--api-key")
        {
            Description = "An accepted API key (repeatable); without it any non-empty Bearer key is accepted.",
            AllowMultipleArgumentsPerToken = false,
        };
        var faults = new Option<string?>("--faults")
        {
            Description = "Faults injected into every response, e.g. \"missing_name,unknown_event\" (see docs/emulator.md).",
        };
        faults.Validators.Add(result =>
        {
            // Checked while parsing, so an unknown name is a usage error like any bad value.
            if (!EmulatorFaults.TryParse(result.GetValueOrDefault<string?>(), out _, out string? error))
            {
                result.AddError("--faults: " + PrintableText.Escape(error ?? "invalid", 300));
            }
        });
        var refuseWebSocket = new Option<bool>("--refuse-websocket")
        {
            Description = "Answer every WebSocket upgrade with 426 (HTTP mode only), to test client fallback.",
        };

        var maxInFlight = new Option<int>("--max-in-flight")
        {
            Description = "Responses in flight at once on one WebSocket connection, across its lanes (16 upstream); more are queued.",
            DefaultValueFactory = _ => 16,
            CustomParser = OptionValues.Int32(1, 65536),
        };
        var maxLanes = new Option<int>("--max-lanes")
        {
            Description = "Distinct named stream_id lanes per connection (32 upstream); the next gets websocket_stream_limit_reached.",
            DefaultValueFactory = _ => 32,
            CustomParser = OptionValues.Int32(0, 65536),
        };
        var maxMessageBytes = new Option<int>("--max-message-bytes")
        {
            Description = "The largest client message (WebSocket) or request body (HTTP) accepted; a larger message is closed with 1009.",
            DefaultValueFactory = _ => 16 * 1024 * 1024,
            CustomParser = OptionValues.Int32(1024, int.MaxValue),
        };

        var command = new Command("serve", "Run the local Responses API emulator (WebSocket mode and HTTP/SSE) until Ctrl-C.")
        {
            port,
            ageLimit,
            zeroCost,
            apiKey,
            faults,
            refuseWebSocket,
            maxInFlight,
            maxLanes,
            maxMessageBytes,
        };

        command.SetAction(async (parseResult, cancellationToken) =>
        {
            EmulatorOptions options = ToEmulatorOptions(parseResult);
            EmulatorServer server;
            try
            {
                server = await EmulatorServer.StartAsync(options, cancellationToken).ConfigureAwait(false);
            }
            catch (ArgumentException e)
            {
                // A value the emulator refused that parsing did not check (an empty --api-key): the user's to fix.
                await Console.Error.WriteLineAsync("error: " + ErrorText.Of(e)).ConfigureAwait(false);
                return ExitCodes.Usage;
            }
            catch (IOException e)
            {
                // The port is taken, say: the command line was fine, starting failed.
                await Console.Error.WriteLineAsync("error: cannot start the emulator: " + PrintableText.Escape(e.Message.ReplaceLineEndings(" "), 300)).ConfigureAwait(false);
                return ExitCodes.Failure;
            }

            await using (server.ConfigureAwait(false))
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"WebSocket: {server.WebSocketUri}"));
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"HTTP/SSE:  POST {server.ResponsesUri}"));
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Base URL:  {server.BaseAddress}"));
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"API keys:  {(options.AcceptedApiKeys is null ? "any non-empty Bearer key" : $"{options.AcceptedApiKeys.Count} configured")}"));
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Age limit: {options.ConnectionAgeLimit.TotalSeconds:0.###} s"));
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Limits:    {options.MaxInFlightPerConnection} in flight, {options.MaxNamedLanes} named lanes per connection; messages up to {options.MaxMessageBytes} bytes"));
                Console.WriteLine(options.CostModel.ToString());
                Console.WriteLine("Press Ctrl-C to stop.");

                // Ctrl-C and SIGTERM stop the server in order (sockets closed with 1001) instead of killing the process.
                using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                using PosixSignalRegistration sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
                using PosixSignalRegistration sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
                try
                {
                    await Task.Delay(Timeout.Infinite, stop.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    // Ctrl-C: fall through to the orderly stop.
                }

                Console.WriteLine("Stopping; " + server.Counters);

                void Stop(PosixSignalContext context)
                {
                    context.Cancel = true;
                    stop.Cancel();
                }
            }

            // Ctrl-C is how serve is meant to end: an orderly stop is success.
            return ExitCodes.Success;
        });

        return command;
    }

    /// <summary>The emulator's options from a parsed <c>serve</c> command line (apart from the action, so tests can check them).</summary>
    internal static EmulatorOptions ToEmulatorOptions(ParseResult parseResult)
    {
        string[]? keys = parseResult.GetValue<string[]>("--api-key");
        return new EmulatorOptions
        {
            Port = parseResult.GetValue<int>("--port"),
            ConnectionAgeLimit = TimeSpan.FromSeconds(parseResult.GetValue<double>("--age-limit")),
            CostModel = parseResult.GetValue<bool>("--zero-cost") ? EmulatorCostModel.Zero : EmulatorCostModel.Default,
            AcceptedApiKeys = keys is { Length: > 0 } ? keys : null,
            DefaultFaults = parseResult.GetValue<string?>("--faults"),
            RefuseWebSocketUpgrade = parseResult.GetValue<bool>("--refuse-websocket"),
            MaxInFlightPerConnection = parseResult.GetValue<int>("--max-in-flight"),
            MaxNamedLanes = parseResult.GetValue<int>("--max-lanes"),
            MaxMessageBytes = parseResult.GetValue<int>("--max-message-bytes"),
        };
    }
}
