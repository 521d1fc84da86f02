using System;
using System.CommandLine;
using System.Globalization;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using ProtocolCore.Client;
using ProtocolCore.Events;
using ProtocolCore.Models;
using ProtocolCore.Requests;

namespace ProtocolCore.Cli.Commands;

/// <summary><c>protocolcore run --model M "prompt"</c>: one turn against the Responses API (or the emulator), streamed to stdout.</summary>
internal static class RunCommand
{
    public static Command Create()
    {
        var model = new Option<string>("--model") { Description = "The model.", DefaultValueFactory = _ => "gpt-5.5" };
        var baseUrl = new Option<string>("--base-url")
        {
            Description = "The API base URL, http(s)://host/v1 or the WebSocket endpoint ws(s)://host/v1/responses (the emulator's is printed by `protocolcore serve`).",
            DefaultValueFactory = _ => "https://api.openai.com/v1/",
        };
        var http = new Option<bool>("--http") { Description = "Use HTTP mode (POST + SSE) instead of WebSocket mode." };
        var prompt = new Argument<string>("prompt") { Description = "The user message." };
        var command = new Command("run", "Send one prompt (API key from OPENAI_API_KEY) and stream the answer.") { model, baseUrl, http, prompt };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            string? key = Environment.GetEnvironmentVariable("OPENAI_API_KEY");
            if (string.IsNullOrEmpty(key))
            {
                await Console.Error.WriteLineAsync("error: OPENAI_API_KEY is not set.").ConfigureAwait(false);
                return ExitCodes.Usage;
            }

            string text = parseResult.GetValue(baseUrl)!;
            if (ParseBaseUrl(text) is not { } uri)
            {
                await Console.Error.WriteLineAsync($"error: --base-url: '{PrintableText.Escape(text, 100)}' is not an http://, https://, ws:// or wss:// URL, e.g. https://api.openai.com/v1.").ConfigureAwait(false);
                return ExitCodes.Usage;
            }

            var options = new ResponsesClientOptions { BaseUrl = uri, ApiKey = key };
            return await RunAsync(options, parseResult.GetValue(model)!, parseResult.GetValue(prompt)!,
                parseResult.GetValue(http) ? ResponsesTransportMode.Http : ResponsesTransportMode.WebSocket,
                Console.Out, Console.Error, cancellationToken).ConfigureAwait(false);
        });
        return command;
    }

    /// <summary>Runs one turn: text deltas and function calls to <paramref name="output"/>, a summary or the error to <paramref name="errors"/>.</summary>
    internal static async Task<int> RunAsync(ResponsesClientOptions options, string model, string prompt, ResponsesTransportMode mode, TextWriter output, TextWriter errors, CancellationToken cancellationToken)
    {
        await using var session = new ResponsesSession(options, new ResponseCreateRequest { Model = model }, mode);
        InputItem message = new Message { Role = MessageRole.User, Content = new MessageContent([new InputTextContent { Text = prompt }]) };
        try
        {
            await foreach (ResponsesEvent e in session.RunTurnAsync([message], cancellationToken).ConfigureAwait(false))
            {
                switch (e)
                {
                    case OutputTextDeltaEvent { Delta: { } delta }:
                        await output.WriteAsync(delta.ToString()).ConfigureAwait(false);
                        break;
                    case OutputItemDoneEvent { Item: FunctionCall call }:
                        await output.WriteLineAsync($"[function_call {call.Name} {call.Arguments}]").ConfigureAwait(false);
                        break;
                }
            }
        }
        catch (ProtocolCoreException e)
        {
            // Every network, protocol, server and timeout failure: one line, no stack trace. The library already redacts
            // server text it puts in exceptions; this line is what a user pastes into a bug report, so it is redacted again.
            await errors.WriteLineAsync("error: " + PrintableText.Escape(SecretRedactor.For(options).Redact(Describe(e)), maxChars: 1000)).ConfigureAwait(false);
            return ExitCodes.Failure;
        }

        ResponsesTurnResult turn = session.LastTurn!;
        await output.WriteLineAsync().ConfigureAwait(false);
        await errors.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"{turn.ResponseId}: {turn.TerminalEvent} over {(turn.Mode == ResponsesTransportMode.WebSocket ? "WebSocket" : "HTTP")} in {turn.Duration.TotalMilliseconds:0} ms " +
            $"(first event {turn.TimeToFirstEvent.TotalMilliseconds:0} ms); {turn.BytesSent} bytes sent, {turn.BytesReceived} received")).ConfigureAwait(false);
        return turn.TerminalEvent is "response.completed" or "response.done" ? ExitCodes.Success : ExitCodes.Failure;
    }

    /// <summary>
    /// The base URL in any form a user copies: the API base (<c>https://host/v1</c>) or the WebSocket endpoint
    /// (<c>wss://host/v1/responses</c>); <see cref="ResponsesClientOptions"/> derives both endpoints from either.
    /// </summary>
    internal static Uri? ParseBaseUrl(string text) =>
        Uri.TryCreate(text, UriKind.Absolute, out Uri? uri) && uri.Scheme is "http" or "https" or "ws" or "wss" && uri.Host.Length > 0 ? uri : null;

    /// <summary>The failure's message and, when it has one, its cause's (say, which timeout ran out), on one line.</summary>
    internal static string Describe(ProtocolCoreException e)
    {
        string text = e.InnerException is { Message: { Length: > 0 } cause } ? $"{e.Message} ({cause})" : e.Message;
        return text.ReplaceLineEndings(" ");
    }
}
