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
            CustomParser = OptionValues.Int32(1, int.MaxValue),
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
            if (await InputFile.OpenAsync(path).ConfigureAwait(false) is not { } input)
            {
                return ExitCodes.Usage;
            }

            await using (input.ConfigureAwait(false))
            {
                Stream stdout = Console.OpenStandardOutput();
                await using (stdout.ConfigureAwait(false))
                {
                    var decoder = new EventStreamDecoder(stdout, Console.Error, limit);
                    DecodeSummary summary = await decoder.RunAsync(input, cancellationToken).ConfigureAwait(false);
                    return summary.Failed == 0 ? ExitCodes.Success : ExitCodes.Failure;
                }
            }
        });

        return command;
    }
}
