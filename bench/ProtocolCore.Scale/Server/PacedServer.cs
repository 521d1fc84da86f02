using System;
using System.Globalization;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;

namespace ProtocolCore.Scale.Server;

/// <summary>
/// <c>ProtocolCore.Scale server --fixture PATH [--pace-ms 20] [--max-seconds S]</c>: the paced loopback server of the
/// scale benchmark, meant to run pinned to its own core. It prints <c>port N</c> once listening, then answers each
/// line on stdin (<c>stats</c>) with its counters as JSON, and stops when stdin closes or after the wall-clock cap.
/// </summary>
internal static class PacedServer
{
    public static async Task<int> RunAsync(ScaleOptions options)
    {
        ScaleTurn turn = ScaleTurn.Load(options.FixturePath);
        var counters = new ServerCounters();
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(options.MaxSeconds));
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        // Thousands of sessions connect at once; a short backlog would drop SYNs and add seconds of retransmit.
        listener.Listen(8192);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"port {((IPEndPoint)listener.LocalEndPoint!).Port}"));
        Console.Out.Flush();

        Task accepting = AcceptAsync(listener, turn, TimeSpan.FromMilliseconds(options.PaceMs), counters, stop.Token);
        Task<string?> line = ReadLineAsync(stop.Token);
        while (await line.ConfigureAwait(false) is { } command)
        {
            if (command.Trim() == "stats")
            {
                Console.WriteLine(counters.ToJson());
                Console.Out.Flush();
            }

            line = ReadLineAsync(stop.Token);
        }

        await stop.CancelAsync().ConfigureAwait(false);
        listener.Close();
        await accepting.ConfigureAwait(false);
        return 0;
    }

    private static async Task<string?> ReadLineAsync(CancellationToken cancellationToken)
    {
        // A console read does not observe cancellation, so the cap races it instead.
        Task<string?> read = Console.In.ReadLineAsync();
        Task cap = Task.Delay(Timeout.Infinite, cancellationToken);
        return await Task.WhenAny(read, cap).ConfigureAwait(false) == read ? await read.ConfigureAwait(false) : null;
    }

    private static async Task AcceptAsync(Socket listener, ScaleTurn turn, TimeSpan pace, ServerCounters counters, CancellationToken cancellationToken)
    {
        int next = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await listener.AcceptAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException or OperationCanceledException)
            {
                return;
            }

            client.NoDelay = true;
            var connection = new ServerConnection(client, turn, pace, counters, ++next);
            _ = Task.Run(() => connection.RunAsync(cancellationToken), CancellationToken.None);
        }
    }
}
