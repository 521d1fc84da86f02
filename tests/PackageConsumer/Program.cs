// A newcomer's program against the packages: the emulator's scripted coding task through the tool loop, over one
// WebSocket. Exit code 0 only if every turn and tool call happened and the turns after the first chained.
using ProtocolCore.Client;
using ProtocolCore.Emulator;
using ProtocolCore.Models;
using ProtocolCore.Requests;

await using EmulatorServer server = await EmulatorServer.StartAsync(new EmulatorOptions { CostModel = EmulatorCostModel.Zero });
var options = new ResponsesClientOptions { BaseUrl = server.BaseAddress, ApiKey = "sk-package-consumer-0123456789" };
var template = new ResponseCreateRequest { Model = "gpt-5.5", Instructions = ScriptedCodingAgent.Instructions, Store = false };
await using var session = new ResponsesSession(options, template);

var tools = new ScriptedTools();
var loop = new ToolLoop(session);
foreach (FunctionTool tool in ScriptedTools.CreateDefinitions().Cast<FunctionTool>())
{
    string name = tool.Name!;
    loop.Register(name, tool.Description, tool.Parameters ?? default, (arguments, _) => ValueTask.FromResult(tools.Execute(name, arguments)));
}

InputItem[] task = [new Message { Role = MessageRole.User, Content = new MessageContent([new InputTextContent { Text = ScriptedCodingAgent.TaskPrompt }]) }];
ToolLoopResult result = await loop.RunAsync(task);

int incremental = result.Turns.Count(t => !t.SentFullContext);
Console.WriteLine($"package consumer: {result.Turns.Count} turns, {result.ToolCalls} tool calls, {session.Connects} connection(s), {incremental} incremental turns");
bool ok = result.Turns.Count == ScriptedCodingAgent.TurnCount
    && result.ToolCalls == ScriptedCodingAgent.TotalToolCalls
    && session.Connects == 1
    && incremental == result.Turns.Count - 1;
return ok ? 0 : 1;
