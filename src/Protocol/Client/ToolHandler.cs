using System.Threading;
using System.Threading.Tasks;

namespace ProtocolCore.Client;

/// <summary>Runs one tool call: the call's JSON arguments in, the <c>function_call_output</c> text out.</summary>
public delegate ValueTask<string> ToolHandler(string arguments, CancellationToken cancellationToken);
