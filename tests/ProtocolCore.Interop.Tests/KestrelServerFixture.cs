using System.Threading.Tasks;

namespace ProtocolCore.Interop.Tests;

/// <summary>One Kestrel server for a test class.</summary>
public sealed class KestrelServerFixture : IAsyncLifetime
{
    public KestrelServer Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await KestrelServer.StartAsync();

    public async Task DisposeAsync() => await Server.DisposeAsync();
}
