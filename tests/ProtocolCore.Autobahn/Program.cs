using System;
using System.Threading.Tasks;
using ProtocolCore;
using ProtocolCore.Autobahn;

// Exit codes: 0 every case ended (the verdicts are in the server's reports), 1 harness failure, 2 a case hit the hang
// guard, 64 bad arguments.
AutobahnClientSettings? settings = AutobahnClientSettings.Parse(args, out string? error);
if (settings is null)
{
    await Console.Error.WriteLineAsync($"error: {error}\n{AutobahnClientSettings.Usage}");
    return 64;
}

EchoAgent agent = settings.UseClientWebSocket
    ? new ClientWebSocketEchoAgent(settings.Agent, settings.Deflate)
    : new ProtocolCoreEchoAgent(settings.Agent, settings.Deflate);
try
{
    int hung = await new AutobahnCaseRunner(agent, settings.Server, settings.CaseTimeout).RunAsync();
    return hung == 0 ? 0 : 2;
}
catch (Exception e) when (e is ProtocolCoreException or System.Net.WebSockets.WebSocketException or OperationCanceledException or InvalidOperationException)
{
    // The fuzzing server is gone or answered something unexpected outside a case.
    await Console.Error.WriteLineAsync($"error: {agent.Name}: {e.GetType().Name}: {e.Message}");
    return 1;
}
