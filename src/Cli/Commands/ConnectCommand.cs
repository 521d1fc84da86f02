using System;
using System.Collections.Generic;
using System.CommandLine;
using System.IO;

namespace ProtocolCore.Cli.Commands;

/// <summary>
/// <c>protocolcore connect URL [--send FILE|-] [--header 'K: V'] [--api-key-env VAR] [--until-done]</c>: opens a
/// WebSocket, sends each line of FILE as one text message, and prints every message received, one per line.
/// </summary>
internal static class ConnectCommand
{
    public static Command Create()
    {
        var url = new Argument<string>("url")
        {
            Description = "ws:// or wss:// URL, e.g. wss://api.openai.com/v1/responses (http/https are mapped to ws/wss).",
        };
        var send = new Option<string?>("--send")
        {
            Description = "A file whose lines are sent one text message each, in order; - reads standard input.",
        };
        var header = new Option<string[]>("--header")
        {
            Description = "An extra request header 'Name: value'; repeatable.",
            AllowMultipleArgumentsPerToken = false,
        };
        var apiKeyEnv = new Option<string?>("--api-key-env")
        {
            Description = "The environment variable holding the API key, sent as 'Authorization: Bearer'. Without it no key is sent.",
        };
        var untilDone = new Option<bool>("--until-done")
        {
            Description = "Close and exit 0 once every request sent has had its terminal event (response.completed|done|incomplete|failed, or error).",
        };
        var noCompression = new Option<bool>("--no-compression")
        {
            Description = "Do not offer permessage-deflate.",
        };

        var command = new Command("connect", "Open a Responses WebSocket, send lines as messages, print every message received; close code and reason go to stderr.")
        {
            url,
            send,
            header,
            apiKeyEnv,
            untilDone,
            noCompression,
        };

        command.SetAction(async (parseResult, cancellationToken) =>
        {
            string text = parseResult.GetValue(url)!;
            if (!Uri.TryCreate(text, UriKind.Absolute, out Uri? target) || target.Scheme is not ("ws" or "wss" or "http" or "https") || target.Host.Length == 0)
            {
                await Console.Error.WriteLineAsync($"error: '{PrintableText.Escape(text, 100)}' is not a ws://, wss://, http:// or https:// URL, e.g. wss://api.openai.com/v1/responses.").ConfigureAwait(false);
                return ConnectSession.UsageError;
            }

            var headers = new List<KeyValuePair<string, string>>();
            foreach (string raw in parseResult.GetValue(header) ?? [])
            {
                int colon = raw.IndexOf(':', StringComparison.Ordinal);
                if (colon <= 0)
                {
                    // Not echoed: a malformed header may well be an Authorization header with its key.
                    await Console.Error.WriteLineAsync($"error: --header must look like 'Name: value'; argument {headers.Count + 1} has no name before a colon.").ConfigureAwait(false);
                    return ConnectSession.UsageError;
                }

                headers.Add(new(raw[..colon].Trim(), raw[(colon + 1)..].Trim()));
            }

            string? apiKey = null;
            if (parseResult.GetValue(apiKeyEnv) is { } variable)
            {
                apiKey = Environment.GetEnvironmentVariable(variable);
                if (string.IsNullOrEmpty(apiKey))
                {
                    await Console.Error.WriteLineAsync($"error: the environment variable {PrintableText.Escape(variable, 100)} (--api-key-env) is not set.").ConfigureAwait(false);
                    return ConnectSession.UsageError;
                }
            }

            TextReader? input = null;
            if (parseResult.GetValue(send) is { } path)
            {
                if (await InputFile.OpenAsync(path).ConfigureAwait(false) is not { } stream)
                {
                    return ConnectSession.UsageError;
                }

                input = new StreamReader(stream);
            }

            using (input)
            {
                var session = new ConnectSession(Console.Out, Console.Error)
                {
                    ApiKey = apiKey,
                    Headers = headers,
                    UntilDone = parseResult.GetValue(untilDone),
                    Compression = !parseResult.GetValue(noCompression),
                };
                return await session.RunAsync(target, input, cancellationToken).ConfigureAwait(false);
            }
        });

        return command;
    }
}
