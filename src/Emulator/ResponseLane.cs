using System.Threading.Channels;
using System.Threading.Tasks;
using ProtocolCore.Requests;

namespace ProtocolCore.Emulator;

/// <summary>
/// One <c>stream_id</c> lane of a connection (the default lane has a null id): a FIFO of pending
/// <c>response.create</c>s run one at a time, and the lane's single cache slot.
/// </summary>
internal sealed class ResponseLane
{
    public ResponseLane(string? streamId)
    {
        StreamId = streamId;
    }

    public string? StreamId { get; }

    public Channel<ResponseCreateRequest> Queue { get; } = Channel.CreateUnbounded<ResponseCreateRequest>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });

    /// <summary>The most recent successful response of this lane; guarded by the connection's lock.</summary>
    public StoredResponse? Slot { get; set; }

    public Task Worker { get; set; } = Task.CompletedTask;
}
