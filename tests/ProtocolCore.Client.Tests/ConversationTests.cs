using System.Collections.Generic;
using System.Threading.Tasks;
using ProtocolCore.Emulator;
using ProtocolCore.Models;

namespace ProtocolCore.Client.Tests;

public sealed class ConversationTests
{
    [Fact]
    public async Task TheConversationKeepsTheItemsItSentAndReceived()
    {
        await using EmulatorServer server = await ClientTestHost.StartAsync();
        var ct = ClientTestHost.Timeout();
        await using var session = new ResponsesSession(ClientTestHost.Options(server), ClientTestHost.Template());
        session.Template.Tools = ScriptedTools.CreateDefinitions();

        List<InputItem> input = ClientTestHost.FirstInput();
        ResponsesTurnResult turn = await session.CompleteTurnAsync(input, ct);
        Assert.NotEmpty(turn.FunctionCalls);

        // An output item is an input item: the conversation holds the objects the turn received, not copies.
        Assert.Equal(input.Count + turn.Output.Count, session.Conversation.Count);
        for (int i = 0; i < input.Count; i++)
        {
            Assert.Same(input[i], session.Conversation[i]);
        }

        for (int i = 0; i < turn.Output.Count; i++)
        {
            Assert.Same(turn.Output[i], session.Conversation[input.Count + i]);
        }

        // The next turn sends the full context (the template changed), replaying those objects; the emulator takes it.
        session.Template.Instructions = "Be brief.";
        List<InputItem> outputs = ClientTestHost.Outputs(turn.FunctionCalls);
        ResponsesTurnResult second = await session.CompleteTurnAsync(outputs, ct);
        Assert.True(second.SentFullContext);
        Assert.Equal("response.completed", second.TerminalEvent);
    }
}
