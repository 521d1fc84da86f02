using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using ProtocolCore.WebSockets;

namespace ProtocolCore.Interop.Tests;

/// <summary>Runs alone: the measurement is process-wide, so no other test may allocate meanwhile.</summary>
[CollectionDefinition(nameof(ZeroAllocationCollection), DisableParallelization = true)]
public sealed class ZeroAllocationCollection
{
}

/// <summary>
/// Receiving small text frames over a real socket (pipe reads, frame parsing, assembly, the hand-off queue and the
/// consumer's await) allocates nothing per frame in steady state.
/// </summary>
/// <remarks>
/// Measured with <see cref="GC.GetTotalAllocatedBytes(bool)"/> (precise) around 10,000 frames, after the same number
/// as warm-up, because the receive loop and the consumer hop between thread-pool threads; the least of three
/// windows counts. The server is a plain
/// thread writing pre-built bytes with synchronous socket calls, so it adds nothing. The tolerance, 8 KiB, is below
/// one byte per frame: the smallest object is 24 bytes, so anything allocated per frame (or even every 30 frames)
/// fails. It leaves room for one-off runtime work that may land in the window (a thread-pool worker starting, tiered
/// JIT bookkeeping), which does not grow with the frame count.
/// </remarks>
[Collection(nameof(ZeroAllocationCollection))]
public class ZeroAllocationTests
{
    private const int FrameCount = 10_000;
    private const long Tolerance = 8 * 1024;
    private const int Windows = 3;

    private static readonly string s_delta =
        """{"type":"response.output_text.delta","item_id":"msg_0123456789abcdef","output_index":0,"content_index":0,"delta":" wörld","sequence_number":42}""";

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task SmallTextFrames_AllocateNothingPerFrame(bool fragmented)
    {
        byte[] batch = BuildBatch(fragmented);
        using var go = new SemaphoreSlim(0);
        using var server = new ScriptedServer(stream =>
        {
            stream.Write(batch);
            for (int window = 0; window < Windows; window++)
            {
                go.Wait(Client.Deadline);
                stream.Write(batch);
            }

            ScriptedServer.ReadClose(stream);
        });

        await using WebSocketConnection connection = await Client.ConnectAsync(server.Url, Client.Options());
        await ReceiveAsync(connection, FrameCount);

        // The least of a few windows: a one-off (a thread-pool worker starting) lands in one window, a per-frame cost in all.
        long least = long.MaxValue;
        for (int window = 0; window < Windows; window++)
        {
            long before = GC.GetTotalAllocatedBytes(precise: true);
            go.Release();
            int bytes = await ReceiveAsync(connection, FrameCount);
            least = Math.Min(least, GC.GetTotalAllocatedBytes(precise: true) - before);
            Assert.Equal(FrameCount * System.Text.Encoding.UTF8.GetByteCount(s_delta), bytes);
        }

        Assert.True(least < Tolerance, $"{least} bytes allocated receiving {FrameCount} frames ({(double)least / FrameCount:F2} B/frame).");
        await connection.CloseAsync();
    }

    private static async Task<int> ReceiveAsync(WebSocketConnection connection, int count)
    {
        using var timeout = new CancellationTokenSource(Client.Deadline);
        int bytes = 0;
        for (int i = 0; i < count; i++)
        {
            WebSocketReceivedMessage message = await connection.ReceiveAsync(timeout.Token);
            bytes += message.Payload.Length;
        }

        return bytes;
    }

    private static byte[] BuildBatch(bool fragmented)
    {
        byte[] payload = System.Text.Encoding.UTF8.GetBytes(s_delta);
        int cut = s_delta.IndexOf('ö', StringComparison.Ordinal) + 1;
        var frames = new List<byte>();
        for (int i = 0; i < FrameCount; i++)
        {
            if (fragmented)
            {
                // Cut inside "ö" so UTF-8 state crosses fragments.
                frames.AddRange(ScriptedServer.Frame(WebSocketOpcode.Text, payload.AsSpan(0, cut), fin: false));
                frames.AddRange(ScriptedServer.Frame(WebSocketOpcode.Continuation, payload.AsSpan(cut)));
            }
            else
            {
                frames.AddRange(ScriptedServer.Frame(WebSocketOpcode.Text, payload));
            }
        }

        return frames.ToArray();
    }
}
