using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using ProtocolCore.Events;
using ProtocolCore.Json;
using ProtocolCore.WebSockets;

namespace ProtocolCore.Cli.Commands;

/// <summary>
/// What <c>protocolcore connect</c> does, apart from parsing its arguments: connect, send lines, print messages,
/// report the close. A configured credential (the API key, an <c>Authorization</c> header's token) that a server
/// echoes is printed as <c>[redacted]</c>, on stdout and stderr alike. Exit codes: 0 after a normal close by the peer
/// (1000, or no code) or, with <see cref="UntilDone"/>, once every request sent has had its terminal event; 1 for a
/// protocol error, a refused upgrade, a lost connection or any other close code; 2 for bad arguments.
/// </summary>
internal sealed class ConnectSession
{
    public const int Success = ExitCodes.Success;
    public const int Failure = ExitCodes.Failure;
    public const int UsageError = ExitCodes.Usage;

    private readonly TextWriter _output;
    private readonly TextWriter _errors;

    public ConnectSession(TextWriter output, TextWriter errors)
    {
        _output = output;
        _errors = errors;
    }

    public string? ApiKey { get; init; }

    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; init; } = [];

    public bool UntilDone { get; init; }

    public bool Compression { get; init; } = true;

    /// <summary>Extra settings for tests (timeouts, proxies).</summary>
    public Action<WebSocketClientOptions>? Configure { get; init; }

    public async Task<int> RunAsync(Uri url, TextReader? input, CancellationToken cancellationToken)
    {
        url = MapScheme(url);
        var options = new WebSocketClientOptions { ApiKey = ApiKey, EnableCompression = Compression };
        foreach (KeyValuePair<string, string> header in Headers)
        {
            options.Headers.Add(header);
        }

        Configure?.Invoke(options);

        // Every line below that carries server text goes through this: a server may echo a rejected key.
        SecretRedactor redactor = SecretRedactor.For(options);
        WebSocketConnection connection;
        try
        {
            connection = await WebSocketConnection.ConnectAsync(url, options, cancellationToken).ConfigureAwait(false);
        }
        catch (WebSocketHandshakeException e)
        {
            await _errors.WriteLineAsync(Quote(redactor, $"handshake failed: {e.Message}")).ConfigureAwait(false);
            if (e.Body.Length > 0)
            {
                await _errors.WriteLineAsync(Quote(redactor, e.Body, maxChars: 1000)).ConfigureAwait(false);
            }

            return Failure;
        }
        catch (WebSocketConnectionException e)
        {
            await _errors.WriteLineAsync(Quote(redactor, $"connection failed: {e.Message}")).ConfigureAwait(false);
            return Failure;
        }
        catch (ArgumentException e)
        {
            await _errors.WriteLineAsync("error: " + ErrorText.Of(e)).ConfigureAwait(false);
            return UsageError;
        }

        await using (connection.ConfigureAwait(false))
        {
            var progress = new Progress();
            Task<int> receiving = ReceiveAsync(connection, progress, redactor, cancellationToken);
            if (input is not null)
            {
                string? line;
                while ((line = await input.ReadLineAsync(cancellationToken).ConfigureAwait(false)) is not null && !receiving.IsCompleted)
                {
                    if (line.Length == 0)
                    {
                        continue;
                    }

                    try
                    {
                        await connection.SendTextAsync(Encoding.UTF8.GetBytes(line), cancellationToken).ConfigureAwait(false);
                    }
                    catch (WebSocketConnectionException)
                    {
                        // Closed or lost under us: the receive side reports why.
                        break;
                    }

                    Interlocked.Increment(ref progress.Sent);
                }
            }

            progress.SendingDone.TrySetResult();
            if (UntilDone && Volatile.Read(ref progress.Terminals) >= Volatile.Read(ref progress.Sent) && !receiving.IsCompleted)
            {
                // Every answer arrived while we were still sending: close now (the receive side reports the close).
                await connection.CloseAsync(WebSocketCloseCode.NormalClosure, "done", cancellationToken).ConfigureAwait(false);
            }

            return await receiving.ConfigureAwait(false);
        }
    }

    private async Task<int> ReceiveAsync(WebSocketConnection connection, Progress progress, SecretRedactor redactor, CancellationToken cancellationToken)
    {
        using var events = new ResponsesEventReader();
        try
        {
            while (true)
            {
                WebSocketReceivedMessage message = await connection.ReceiveAsync(cancellationToken).ConfigureAwait(false);
                if (message.IsClose)
                {
                    return await ReportCloseAsync(connection, redactor).ConfigureAwait(false);
                }

                if (message.IsText)
                {
                    await _output.WriteLineAsync(redactor.Redact(Encoding.UTF8.GetString(message.Payload.Span))).ConfigureAwait(false);
                    if (UntilDone && IsTerminal(events, message.Payload))
                    {
                        Interlocked.Increment(ref progress.Terminals);
                    }
                }
                else
                {
                    await _output.WriteLineAsync("binary:" + Convert.ToBase64String(message.Payload.Span)).ConfigureAwait(false);
                }

                await _output.FlushAsync(cancellationToken).ConfigureAwait(false);
                if (UntilDone && progress.SendingDone.Task.IsCompleted && Volatile.Read(ref progress.Terminals) >= Volatile.Read(ref progress.Sent))
                {
                    await connection.CloseAsync(WebSocketCloseCode.NormalClosure, "done", cancellationToken).ConfigureAwait(false);
                    return await ReportCloseAsync(connection, redactor).ConfigureAwait(false);
                }
            }
        }
        catch (WebSocketProtocolException e)
        {
            await _errors.WriteLineAsync(Quote(redactor, $"protocol error: {e.Reason} (closed with {(int)e.CloseStatus})")).ConfigureAwait(false);
            return Failure;
        }
        catch (WebSocketConnectionException e)
        {
            await _errors.WriteLineAsync(Quote(redactor, $"connection failed: {e.Message} ({(int)e.CloseStatus})")).ConfigureAwait(false);
            return Failure;
        }
    }

    private async Task<int> ReportCloseAsync(WebSocketConnection connection, SecretRedactor redactor)
    {
        await connection.Completion.ConfigureAwait(false);
        WebSocketCloseCode status = connection.CloseStatus ?? WebSocketCloseCode.NoStatusReceived;
        await _errors.WriteLineAsync(Quote(redactor, $"close: {(int)status} {connection.CloseStatusDescription}".TrimEnd())).ConfigureAwait(false);
        return status is WebSocketCloseCode.NormalClosure or WebSocketCloseCode.NoStatusReceived ? Success : Failure;
    }

    /// <summary>
    /// A stderr line carrying server text (a close reason, a refused upgrade's body): redacted first, since escaping could
    /// split a key the redactor would have matched, then escaped and cut, so a hostile server cannot drive the terminal.
    /// </summary>
    private static string Quote(SecretRedactor redactor, string text, int maxChars = PrintableText.DefaultMaxChars * 2) =>
        PrintableText.Escape(redactor.Redact(text), maxChars);

    /// <summary>response.completed, response.done, response.incomplete, response.failed or error.</summary>
    private static bool IsTerminal(ResponsesEventReader events, ReadOnlyMemory<byte> payload)
    {
        try
        {
            return events.Read(payload).Type is "response.completed" or "response.done" or "response.incomplete" or "response.failed" or "error";
        }
        catch (ProtocolJsonException)
        {
            return false;
        }
    }

    private static Uri MapScheme(Uri url) => url.Scheme switch
    {
        "http" => new UriBuilder(url) { Scheme = "ws", Port = url.IsDefaultPort ? -1 : url.Port }.Uri,
        "https" => new UriBuilder(url) { Scheme = "wss", Port = url.IsDefaultPort ? -1 : url.Port }.Uri,
        _ => url,
    };

    private sealed class Progress
    {
        public readonly TaskCompletionSource SendingDone = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public int Sent;
        public int Terminals;
    }
}
