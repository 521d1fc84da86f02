using System;
using System.CommandLine;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace ProtocolCore.Cli.Commands;

/// <summary><c>protocolcore decode FILE|-</c>: decodes a JSONL or SSE event stream and prints each event re-encoded.</summary>
internal static class DecodeCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("file")
        {
            Description = "A JSONL file of events (one JSON object per line) or a raw SSE stream (event:/data: lines); - reads standard input.",
        };
        var maxLine = new Option<int>("--max-line-bytes")
        {
            Description = "The longest line (or SSE event) accepted; longer ones are reported and skipped.",
            DefaultValueFactory = _ => EventStreamDecoder.DefaultMaxLineBytes,
        };

        var command = new Command("decode", "Decode Responses events and print 'type<TAB>json' per event; bad lines go to stderr as 'line N: reason'.")
        {
            file,
            maxLine,
        };

        command.SetAction(async (parseResult, cancellationToken) =>
        {
            string path = parseResult.GetValue(file)!;
            int limit = parseResult.GetValue(maxLine);
            if (limit <= 0)
            {
                await Console.Error.WriteLineAsync("--max-line-bytes must be positive.").ConfigureAwait(false);
                return 2;
            }

            Stream input;
            try
            {
                input = path == "-" ? Console.OpenStandardInput() : File.OpenRead(path);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                await Console.Error.WriteLineAsync($"cannot open {path}: {e.Message}").ConfigureAwait(false);
                return 2;
            }

            await using (input.ConfigureAwait(false))
            {
                Stream stdout = Console.OpenStandardOutput();
                await using (stdout.ConfigureAwait(false))
                {
                    var decoder = new EventStreamDecoder(stdout, Console.Error, limit);
                    DecodeSummary summary = await decoder.RunAsync(input, cancellationToken).ConfigureAwait(false);
                    return summary.Failed == 0 ? 0 : 1;
                }
            }
        });

        return command;
    }
}
