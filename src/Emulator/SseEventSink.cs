using System;
using System.Buffers;
using System.IO.Pipelines;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using ProtocolCore.Events;

namespace ProtocolCore.Emulator;

/// <summary>Sends events as Server-Sent Events (<c>event: TYPE\ndata: JSON\n\n</c>), flushing each one like the API does.</summary>
internal sealed class SseEventSink : IEventSink
{
    private static readonly TimeSpan s_drainDelay = TimeSpan.FromMilliseconds(100);

    private readonly HttpContext _httpContext;
    private readonly PipeWriter _writer;

    public SseEventSink(HttpContext httpContext)
    {
        _httpContext = httpContext;
        _writer = httpContext.Response.BodyWriter;
    }

    public async ValueTask SendAsync(ResponsesEvent value, CancellationToken cancellationToken)
    {
        _writer.Write("event: "u8);
        Encoding.UTF8.GetBytes(value.Type, _writer);
        _writer.Write("\ndata: "u8);
        ResponsesEventJson.Write(value, _writer);
        _writer.Write("\n\n"u8);
        await _writer.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    public void Abort()
    {
        // HttpContext.Abort resets the connection at once and drops output Kestrel has not written yet (the headers
        // included). Kestrel offers no way to wait for its output to drain, so give it a moment first: best effort,
        // the client normally reads the events sent so far and then gets the reset.
        Aborting = AbortAfterDrainAsync();
    }

    /// <summary>Completes once the connection was reset; the request must not end (cleanly) before that.</summary>
    public Task Aborting { get; private set; } = Task.CompletedTask;

    private async Task AbortAfterDrainAsync()
    {
        await Task.Delay(s_drainDelay, CancellationToken.None).ConfigureAwait(false);
        _httpContext.Abort();
    }
}
