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

    public void Abort() => _httpContext.Abort();
}
