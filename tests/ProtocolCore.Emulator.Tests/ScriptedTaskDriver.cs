using System;
using System.Buffers;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using ProtocolCore.Events;
using ProtocolCore.Json;
using ProtocolCore.Models;
using ProtocolCore.Requests;

namespace ProtocolCore.Emulator.Tests;

/// <summary>Runs the scripted coding task the way an agent would: call tools, send their outputs back, until a message.</summary>
internal static class ScriptedTaskDriver
{
    public static ResponseCreateRequest Request(List<InputItem> input, string? previousResponseId = null, bool? store = false) => new()
    {
        Model = "gpt-5.5",
        Instructions = ScriptedCodingAgent.Instructions,
        Tools = ScriptedTools.CreateDefinitions(),
        Store = store,
        Input = input,
        PreviousResponseId = previousResponseId,
    };

    public static List<InputItem> FirstInput() =>
        [new Message { Role = MessageRole.User, Content = new MessageContent([new InputTextContent { Text = ScriptedCodingAgent.TaskPrompt }]) }];

    public static Response Terminal(IReadOnlyList<ReceivedEvent> events) =>
        ((IResponseLifecycleEvent)events[^1].Event).Response ?? throw new InvalidOperationException("The terminal event has no response.");

    public static List<FunctionCall> Calls(Response response) => response.Output!.OfType<FunctionCall>().ToList();

    public static List<InputItem> Outputs(ScriptedTools tools, IEnumerable<FunctionCall> calls) =>
        calls.Select(c => (InputItem)new FunctionCallOutput { CallId = c.CallId, Output = tools.Execute(c.Name!, c.Arguments!) }).ToList();

    /// <summary>WebSocket mode: chains <c>previous_response_id</c> and sends only the new tool outputs.</summary>
    public static async Task<List<List<ReceivedEvent>>> RunOverWebSocketAsync(WsTestClient client, CancellationToken cancellationToken)
    {
        var tools = new ScriptedTools();
        var turns = new List<List<ReceivedEvent>>();
        List<InputItem> input = FirstInput();
        string? previous = null;
        while (turns.Count < 50)
        {
            List<ReceivedEvent> events = await client.CreateAsync(Request(input, previous), cancellationToken);
            turns.Add(events);
            Response response = Terminal(events);
            List<FunctionCall> calls = Calls(response);
            if (calls.Count == 0)
            {
                return turns;
            }

            input = Outputs(tools, calls);
            previous = response.Id;
        }

        throw new InvalidOperationException("The task did not finish in 50 turns.");
    }

    /// <summary>HTTP mode: resends the full context (every input and output item) each turn; returns bytes uploaded per turn.</summary>
    public static async Task<(List<List<ReceivedEvent>> Turns, List<int> BytesSent)> RunOverHttpAsync(HttpClient http, EmulatorServer server, CancellationToken cancellationToken)
    {
        var tools = new ScriptedTools();
        var turns = new List<List<ReceivedEvent>>();
        var sent = new List<int>();
        List<InputItem> context = FirstInput();
        while (turns.Count < 50)
        {
            (List<ReceivedEvent> events, int bytes) = await SseTestClient.StreamAsync(http, server, Request(new List<InputItem>(context)), cancellationToken);
            turns.Add(events);
            sent.Add(bytes);
            Response response = Terminal(events);
            List<FunctionCall> calls = Calls(response);
            if (calls.Count == 0)
            {
                return (turns, sent);
            }

            foreach (OutputItem item in response.Output!)
            {
                context.Add(AsInput(item));
            }

            context.AddRange(Outputs(tools, calls));
        }

        throw new InvalidOperationException("The task did not finish in 50 turns.");
    }

    private static InputItem AsInput(OutputItem item)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            item.WriteJson(writer);
        }

        using var document = JsonDocument.Parse(buffer.WrittenMemory);
        return new UnknownInputItem(document.RootElement.GetProperty("type").GetString()!, new RawJson(buffer.WrittenMemory.ToArray()));
    }
}
