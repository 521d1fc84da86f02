using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace ProtocolCore.Extensions.Hosting.Tests;

/// <summary>Counts the requests that pass through it (into <see cref="RequestCounter"/>, shared by every handler the factory builds).</summary>
internal sealed class CountingHandler(RequestCounter counter) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        counter.Increment();
        return base.SendAsync(request, cancellationToken);
    }
}
