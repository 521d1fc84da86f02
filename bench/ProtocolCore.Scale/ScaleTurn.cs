using System;
using System.Buffers.Text;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;

namespace ProtocolCore.Scale;

/// <summary>
/// The turn every session receives: a recorded gpt-5 text stream from <c>../shared/fixtures</c>, its response id made
/// fixed-width and replaced per response, its output items' ids (<c>rs_…</c>, <c>msg_…</c>) given a new tail per
/// response too (a live server's ids differ every turn: a client that kept last turn's strings must not find them
/// again), and the <c>obfuscation</c> member of each delta (random padding in live
/// traffic) replaced by the server's wall-clock send time in 100 ns ticks (<see cref="DateTime.UtcNow"/>), so the
/// client can compute delivery lag on the same machine's clock. Every frame of a turn has a fixed size, so the server
/// patches a template and the raw-socket client knows where each frame ends without parsing JSON. Both processes
/// build it from the same file.
/// </summary>
internal sealed class ScaleTurn
{
    /// <summary>The default fixture: 39 events, 29 <c>output_text.delta</c> of ~220 B.</summary>
    public const string DefaultFixture = "fantasy__TestOpenAIResponsesCommon-openai-gpt-5-tool_streaming-i1-2026-03-12-v1.jsonl";

    /// <summary>Ticks since 0001-01-01 need 18 digits until the year 3170; one more keeps the width fixed.</summary>
    public const int StampDigits = 19;

    private const string ObfuscationMember = "\"obfuscation\":\"";

    /// <summary>The hex digits at the end of each item id that the server rewrites per response.</summary>
    public const int ItemIdTailDigits = 20;

    /// <summary>An output item's id in the recording: a prefix, an underscore, hex digits (long enough for the tail).</summary>
    private static readonly System.Text.RegularExpressions.Regex s_itemId = new("\"(?:id|item_id)\":\"((?:rs|msg|fc|ws|ci|ig|fs|cu)_[0-9a-f]{24,})\"");

    private ScaleTurn(ScaleFrame[] frames, int[][] writes, int idLength, long deltaBytes)
    {
        Frames = frames;
        Writes = writes;
        IdLength = idLength;
        DeltaBytes = deltaBytes;
        EventCount = frames.Length;
        DeltaCount = frames.Count(f => f.IsDelta);
        TurnBytes = frames.Sum(f => f.Bytes.Length);
    }

    public ScaleFrame[] Frames { get; }

    /// <summary>
    /// The frame indices of each socket write, in order: the events before the first delta together, each delta on its
    /// own, the events after the last delta together (as a server streaming a model's tokens writes them).
    /// </summary>
    public int[][] Writes { get; }

    /// <summary>The length of a response id (that of the recorded one).</summary>
    public int IdLength { get; }

    public int EventCount { get; }

    public int DeltaCount { get; }

    /// <summary>The decoded UTF-8 bytes of all the turn's deltas, which every client checks it received.</summary>
    public long DeltaBytes { get; }

    /// <summary>The bytes of one turn on the wire.</summary>
    public int TurnBytes { get; }

    public static ScaleTurn Load(string fixturePath)
    {
        string[] lines = File.ReadAllLines(fixturePath).Where(l => l.Length > 0).ToArray();
        string recordedId;
        using (JsonDocument first = JsonDocument.Parse(lines[0]))
        {
            recordedId = first.RootElement.GetProperty("response").GetProperty("id").GetString()
                ?? throw new InvalidDataException($"{fixturePath}: the first event has no response id.");
        }

        // Each distinct item id, numbered in order of appearance (the server writes the number into its tail).
        var itemIds = new List<string>();
        foreach (string line in lines)
        {
            foreach (System.Text.RegularExpressions.Match match in s_itemId.Matches(line))
            {
                if (!itemIds.Contains(match.Groups[1].Value))
                {
                    itemIds.Add(match.Groups[1].Value);
                }
            }
        }

        var frames = new ScaleFrame[lines.Length];
        long deltaBytes = 0;
        for (int i = 0; i < lines.Length; i++)
        {
            string line = lines[i];
            bool isDelta = false;
            using (JsonDocument document = JsonDocument.Parse(line))
            {
                if (document.RootElement.GetProperty("type").GetString() == "response.output_text.delta")
                {
                    isDelta = true;
                    deltaBytes += Encoding.UTF8.GetByteCount(document.RootElement.GetProperty("delta").GetString()!);
                }
            }

            if (isDelta)
            {
                int start = line.IndexOf(ObfuscationMember, StringComparison.Ordinal);
                if (start < 0)
                {
                    throw new InvalidDataException($"{fixturePath}:{i + 1}: a delta without an obfuscation member to carry the stamp.");
                }

                start += ObfuscationMember.Length;
                int end = line.IndexOf('"', start);
                line = string.Concat(line.AsSpan(0, start), new string('0', StampDigits), line.AsSpan(end));
            }

            byte[] payload = Encoding.UTF8.GetBytes(line);
            byte[] header = Header(payload.Length);
            byte[] bytes = [.. header, .. payload];
            var idOffsets = new List<int>();
            byte[] id = Encoding.UTF8.GetBytes(recordedId);
            for (int at = bytes.AsSpan().IndexOf(id); at >= 0;)
            {
                idOffsets.Add(at);
                int next = bytes.AsSpan(at + id.Length).IndexOf(id);
                at = next < 0 ? -1 : at + id.Length + next;
            }

            var itemTails = new List<int>();
            var itemNumbers = new List<int>();
            for (int item = 0; item < itemIds.Count; item++)
            {
                byte[] itemId = Encoding.UTF8.GetBytes(itemIds[item]);
                for (int at = bytes.AsSpan().IndexOf(itemId); at >= 0;)
                {
                    itemTails.Add(at + itemId.Length - ItemIdTailDigits);
                    itemNumbers.Add(item);
                    int next = bytes.AsSpan(at + itemId.Length).IndexOf(itemId);
                    at = next < 0 ? -1 : at + itemId.Length + next;
                }
            }

            int stampOffset = isDelta ? header.Length + Encoding.UTF8.GetByteCount(line.AsSpan(0, line.IndexOf(ObfuscationMember, StringComparison.Ordinal) + ObfuscationMember.Length)) : -1;
            frames[i] = new ScaleFrame(bytes, [.. idOffsets], [.. itemTails], [.. itemNumbers], stampOffset, isDelta);
        }

        return new ScaleTurn(frames, GroupWrites(frames), recordedId.Length, deltaBytes);
    }

    /// <summary>Reads a stamp written by <see cref="WriteStamp"/>.</summary>
    public static bool TryReadStamp(ReadOnlySpan<byte> digits, out long ticks) =>
        Utf8Parser.TryParse(digits, out ticks, out int consumed) && consumed == StampDigits;

    /// <summary>Writes <paramref name="ticks"/> as <see cref="StampDigits"/> zero-padded digits.</summary>
    public static void WriteStamp(Span<byte> destination, long ticks)
    {
        for (int i = StampDigits - 1; i >= 0; i--)
        {
            destination[i] = (byte)('0' + (ticks % 10));
            ticks /= 10;
        }
    }

    /// <summary>A fixed-width response id, unique per connection and turn: <c>resp_</c> then hex digits.</summary>
    public void WriteResponseId(Span<byte> destination, int connection, long turn)
    {
        "resp_"u8.CopyTo(destination);
        Span<byte> digits = destination[5..IdLength];
        ulong value = ((ulong)(uint)connection << 32) | (uint)turn;
        for (int i = digits.Length - 1; i >= 0; i--)
        {
            digits[i] = (byte)"0123456789abcdef"[(int)(value & 0xF)];
            value >>= 4;
        }
    }

    /// <summary>
    /// The tail of item <paramref name="item"/>'s id in response <paramref name="turn"/> of connection
    /// <paramref name="connection"/>: <see cref="ItemIdTailDigits"/> hex digits, unique per connection, turn and item.
    /// </summary>
    public static void WriteItemIdTail(Span<byte> destination, int connection, long turn, int item)
    {
        // 8 digits of connection, 8 of turn, 4 of item.
        WriteHex(destination[..8], (uint)connection);
        WriteHex(destination.Slice(8, 8), (ulong)turn);
        WriteHex(destination.Slice(16, 4), (ulong)item);
    }

    private static void WriteHex(Span<byte> destination, ulong value)
    {
        for (int i = destination.Length - 1; i >= 0; i--)
        {
            destination[i] = (byte)"0123456789abcdef"[(int)(value & 0xF)];
            value >>= 4;
        }
    }

    private static int[][] GroupWrites(ScaleFrame[] frames)
    {
        var writes = new List<int[]>();
        var pending = new List<int>();
        for (int i = 0; i < frames.Length; i++)
        {
            if (frames[i].IsDelta)
            {
                if (pending.Count > 0)
                {
                    writes.Add([.. pending]);
                    pending.Clear();
                }

                writes.Add([i]);
            }
            else
            {
                pending.Add(i);
            }
        }

        if (pending.Count > 0)
        {
            writes.Add([.. pending]);
        }

        return [.. writes];
    }

    private static byte[] Header(int length) => length switch
    {
        < 126 => [0x81, (byte)length],
        <= ushort.MaxValue => [0x81, 126, (byte)(length >> 8), (byte)length],
        _ => throw new InvalidDataException("An event over 64 KiB; the scale turn expects recorded deltas and small events."),
    };
}
