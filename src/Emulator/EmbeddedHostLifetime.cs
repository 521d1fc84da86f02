using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Hosting;

namespace ProtocolCore.Emulator;

/// <summary>
/// A host lifetime that leaves process signals alone. The default console lifetime would take over Ctrl-C and
/// SIGTERM to stop just the emulator, so the hosting process (a test run, the CLI) would never see them.
/// </summary>
internal sealed class EmbeddedHostLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
