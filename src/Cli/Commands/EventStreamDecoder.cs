using System;
using System.Buffers;
using System.IO;
using System.IO.Pipelines;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using ProtocolCore.Events;
using ProtocolCore.Json;
using ProtocolCore.Sse;

namespace ProtocolCore.Cli.Commands;

/// <summary>
/// Reads a JSONL or SSE stream of Responses events, decodes each one and writes <c>type&lt;TAB&gt;json</c> lines.
/// A line that fails is reported as <c>line N: reason</c> and the rest still decode. Memory is bounded by the line limit.
/// </summary>
internal sealed class EventStreamDecoder
{
    public const int DefaultMaxLineBytes = 16 * 1024 * 1024;

    private static readonly byte[] s_newLine = "\n"u8.ToArray();

    private readonly Stream _output;
    private readonly TextWriter _errors;
    private readonly int _maxLineBytes;
    private readonly ArrayBufferWriter<byte> _json = new(4096);
    private readonly ResponsesEventReader _reader = new();
    private Utf8JsonWriter? _writer;
    private int _decoded;
    private int _failed;

    public EventStreamDecoder(Stream output, TextWriter errors, int maxLineBytes = DefaultMaxLineBytes)
    {
        _output = output;
        _errors = errors;
        _maxLineBytes = maxLineBytes;
    }

    private enum Format
    {
        Unknown,
        JsonLines,
        ServerSentEvents,
    }

    public async Task<DecodeSummary> RunAsync(Stream input, CancellationToken cancellationToken)
    {
        var pipe = PipeReader.Create(input, new StreamPipeReaderOptions(bufferSize: 64 * 1024, leaveOpen: true));
        using var sse = new SseEventAssembler(_maxLineBytes);
        var output = new BufferedStream(_output, 64 * 1024);
        Format format = Format.Unknown;
        long lineNumber = 0;
        long eventStartLine = 0;
        bool skippingLongLine = false;

        try
        {
            // The only loop that reads and advances the pipe; parsing below works on the buffer it was handed.
            while (true)
            {
                ReadResult result = await pipe.ReadAsync(cancellationToken).ConfigureAwait(false);
                ReadOnlySequence<byte> buffer = result.Buffer;
                while (SseLineReader.TryReadLine(ref buffer, result.IsCompleted, out ReadOnlySequence<byte> line))
                {
                    lineNumber++;
                    if (skippingLongLine)
                    {
                        // The tail of a line already reported as too long.
                        skippingLongLine = false;
                        continue;
                    }

                    if (line.Length > _maxLineBytes)
                    {
                        Fail(lineNumber, $"line is longer than {_maxLineBytes} bytes");
                        continue;
                    }

                    if (format == Format.Unknown)
                    {
                        format = Detect(line);
                        if (format == Format.Unknown)
                        {
                            continue;
                        }
                    }

                    if (format == Format.JsonLines)
                    {
                        if (!IsBlank(line))
                        {
                            DecodeOne(line, lineNumber, output);
                        }

                        continue;
                    }

                    if (!line.IsEmpty && line.FirstSpan[0] != (byte)':' && eventStartLine == 0)
                    {
                        eventStartLine = lineNumber;
                    }

                    try
                    {
                        if (sse.AddLine(line))
                        {
                            if (!sse.IsDoneMarker)
                            {
                                DecodeOne(new ReadOnlySequence<byte>(sse.Data), eventStartLine, output);
                            }

                            eventStartLine = 0;
                        }
                    }
                    catch (SseFormatException e)
                    {
                        Fail(eventStartLine, e.Message);
                        eventStartLine = 0;
                    }
                }

                if (!result.IsCompleted && buffer.Length > _maxLineBytes)
                {
                    // No terminator within the limit: report once, drop what we have, skip to the next line end.
                    lineNumber++;
                    Fail(lineNumber, $"line is longer than {_maxLineBytes} bytes");
                    lineNumber--;
                    skippingLongLine = true;
                    pipe.AdvanceTo(buffer.End);
                    continue;
                }

                pipe.AdvanceTo(buffer.Start, buffer.End);
                if (result.IsCompleted)
                {
                    break;
                }
            }

            if (format == Format.ServerSentEvents && sse.Flush() && !sse.IsDoneMarker)
            {
                DecodeOne(new ReadOnlySequence<byte>(sse.Data), eventStartLine, output);
            }
        }
        finally
        {
            await pipe.CompleteAsync().ConfigureAwait(false);
            await output.FlushAsync(cancellationToken).ConfigureAwait(false);
            _reader.Dispose();
        }

        return new DecodeSummary(_decoded, _failed);
    }

    private void DecodeOne(in ReadOnlySequence<byte> json, long lineNumber, Stream output)
    {
        ResponsesEvent e;
        try
        {
            e = _reader.Read(json);
        }
        catch (ProtocolJsonException ex)
        {
            Fail(lineNumber, ex.Message);
            return;
        }

        _json.ResetWrittenCount();
        if (_writer is null)
        {
            _writer = new Utf8JsonWriter(_json, ResponsesEventJson.WriterOptions);
        }
        else
        {
            _writer.Reset(_json);
        }

        e.WriteJson(_writer);
        _writer.Flush();

        // The type goes straight into the output buffer: no byte[] per event.
        string type = e.Type;
        int maxTypeBytes = System.Text.Encoding.UTF8.GetMaxByteCount(type.Length);
        Span<byte> typeBytes = maxTypeBytes <= 512 ? stackalloc byte[512] : new byte[maxTypeBytes];
        output.Write(typeBytes[..System.Text.Encoding.UTF8.GetBytes(type, typeBytes)]);
        output.WriteByte((byte)'\t');
        output.Write(_json.WrittenSpan);
        output.Write(s_newLine);
        _decoded++;
    }

    private void Fail(long lineNumber, string reason)
    {
        _failed++;
        // Reasons quote input ("'\x1b' cannot start a JSON value"): escaped, so a binary file cannot drive the terminal.
        _errors.WriteLine($"line {lineNumber}: {PrintableText.Escape(reason)}");
    }

    private static Format Detect(in ReadOnlySequence<byte> line)
    {
        var reader = new SequenceReader<byte>(line);
        reader.AdvancePastAny(" \t"u8);
        if (!reader.TryPeek(out byte first))
        {
            return Format.Unknown;
        }

        if (first == (byte)':' || reader.IsNext("data:"u8) || reader.IsNext("event:"u8) || reader.IsNext("id:"u8) || reader.IsNext("retry:"u8))
        {
            return Format.ServerSentEvents;
        }

        return Format.JsonLines;
    }

    private static bool IsBlank(in ReadOnlySequence<byte> line)
    {
        var reader = new SequenceReader<byte>(line);
        reader.AdvancePastAny(" \t\r"u8);
        return reader.End;
    }
}
