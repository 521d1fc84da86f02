using System.Threading.Tasks;

namespace ProtocolCore.Interop.Tests;

/// <summary>Node's ws, started once per test class: one process without and one with permessage-deflate.</summary>
public sealed class NodeServerFixture : IAsyncLifetime
{
    public ExternalServer Plain { get; private set; } = null!;

    public ExternalServer Deflate { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Plain = await ExternalServer.StartNodeAsync(deflate: false);
        Deflate = await ExternalServer.StartNodeAsync(deflate: true);
    }

    public async Task DisposeAsync()
    {
        await Plain.DisposeAsync();
        await Deflate.DisposeAsync();
    }

    public ExternalServer Get(bool deflate) => deflate ? Deflate : Plain;
}

/// <summary>Python's websockets, started once per test class: one process without and one with permessage-deflate.</summary>
public sealed class PythonServerFixture : IAsyncLifetime
{
    public ExternalServer Plain { get; private set; } = null!;

    public ExternalServer Deflate { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Plain = await ExternalServer.StartPythonAsync(deflate: false);
        Deflate = await ExternalServer.StartPythonAsync(deflate: true);
    }

    public async Task DisposeAsync()
    {
        await Plain.DisposeAsync();
        await Deflate.DisposeAsync();
    }

    public ExternalServer Get(bool deflate) => deflate ? Deflate : Plain;
}
