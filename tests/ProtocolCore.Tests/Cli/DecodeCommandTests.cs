using System.IO;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using ProtocolCore.Cli.Commands;

namespace ProtocolCore.Tests.Cli;

public class DecodeCommandTests
{
    private static async Task<(string Output, string Errors, DecodeSummary Summary)> RunAsync(string input, int maxLineBytes = EventStreamDecoder.DefaultMaxLineBytes)
    {
        using var output = new MemoryStream();
        using var errors = new StringWriter();
        var decoder = new EventStreamDecoder(output, errors, maxLineBytes);
        DecodeSummary summary = await decoder.RunAsync(new MemoryStream(Encoding.UTF8.GetBytes(input)), CancellationToken.None);
        return (Encoding.UTF8.GetString(output.ToArray()), errors.ToString(), summary);
    }

    [Fact]
    public async Task JsonLinesPrintTypeTabJsonAndReportBadLinesByNumber()
    {
        var (output, errors, summary) = await RunAsync(
            "{\"type\":\"response.output_text.delta\",\"delta\":\"a\\u00e9\",\"item_id\":\"m\"}\n\nnot json\n{\"type\":\"vendor.custom\",\"x\":[1]}\n");

        Assert.Equal(
            "response.output_text.delta\t{\"type\":\"response.output_text.delta\",\"item_id\":\"m\",\"delta\":\"aé\"}\n" +
            "vendor.custom\t{\"type\":\"vendor.custom\",\"x\":[1]}\n",
            output);
        Assert.StartsWith("line 3: ", errors);
        Assert.Equal(new DecodeSummary(2, 1), summary);
    }

    [Fact]
    public async Task ANonStringTypeIsReportedByLineNumberNotDecodedAsUnknown()
    {
        var (output, errors, summary) = await RunAsync("{\"type\":\"a\"}\n{\"type\":42,\"x\":1}\n{\"type\":\"b\"}\n");

        Assert.Equal("a\t{\"type\":\"a\"}\nb\t{\"type\":\"b\"}\n", output);
        Assert.StartsWith("line 2: ", errors);
        Assert.Contains("\"type\" must be a string", errors, System.StringComparison.Ordinal);
        Assert.Equal(new DecodeSummary(2, 1), summary);
    }

    [Fact]
    public async Task ServerSentEventsDecodeDataAndSkipTheDoneMarker()
    {
        var (output, errors, summary) = await RunAsync(
            "event: response.output_text.delta\ndata: {\"type\":\"response.output_text.delta\",\"delta\":\"hi\"}\n\n: ping\n\ndata: {oops\n\ndata: [DONE]\n\n");

        Assert.Equal("response.output_text.delta\t{\"type\":\"response.output_text.delta\",\"delta\":\"hi\"}\n", output);
        // The bad event's first field is on line 6 (comments do not count as its start).
        Assert.StartsWith("line 6: ", errors);
        Assert.Equal(new DecodeSummary(1, 1), summary);
    }

    [Fact]
    public async Task ALineOverTheLimitIsReportedAndTheRestStillDecode()
    {
        string longLine = "{\"type\":\"a\",\"pad\":\"" + new string('x', 200) + "\"}";
        var (output, errors, summary) = await RunAsync(longLine + "\n{\"type\":\"b\"}\n", maxLineBytes: 64);

        Assert.Equal("b\t{\"type\":\"b\"}\n", output);
        Assert.StartsWith("line 1: line is longer than 64 bytes", errors);
        Assert.Equal(new DecodeSummary(1, 1), summary);
    }
}
