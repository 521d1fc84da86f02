using System;
using System.Threading.Tasks;
using ProtocolCore;
using ProtocolCore.Autobahn;

// Exit codes: 0 every case ended (the verdicts are in the server's reports), 1 the run could not be completed, 2 a case
// hit the hang guard, 3 a case ended with an untyped exception, 64 bad arguments.
AutobahnClientSettings? settings = AutobahnClientSettings.Parse(args, out string? error);
if (settings is null)
{
    await Console.Error.WriteLineAsync($"error: {error}\n{AutobahnClientSettings.Usage}");
    return 64;
}

EchoAgent agent = settings.UseClientWebSocket
    ? new ClientWebSocketEchoAgent(settings.Agent, settings.Deflate)
    : new ProtocolCoreEchoAgent(settings.Agent, settings.Deflate, settings.IoMode);
try
{
    AutobahnRunSummary summary = await new AutobahnCaseRunner(agent, settings.Server, settings.CaseTimeout).RunAsync();
    return summary.UntypedExceptionCases > 0 ? 3 : summary.HungCases > 0 ? 2 : 0;
}
catch (Exception e) when (e is ProtocolCoreException or System.Net.WebSockets.WebSocketException or OperationCanceledException or InvalidOperationException)
{
    // Outside a case: the fuzzing server is gone, answered something unexpected, or the client broke. The stack is
    // for whoever has to find out which.
    await Console.Error.WriteLineAsync($"error: {agent.Name}: {e}");
    return 1;
}
