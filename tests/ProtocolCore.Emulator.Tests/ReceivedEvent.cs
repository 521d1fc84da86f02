using System.Text.Json;
using ProtocolCore.Events;

namespace ProtocolCore.Emulator.Tests;

/// <summary>One server event as received: its raw JSON, a DOM view for assertions, and the decoded model.</summary>
internal sealed record ReceivedEvent(string Json, JsonElement Root, ResponsesEvent Event)
{
    public string Type => Root.GetProperty("type").GetString()!;

    public int? SequenceNumber => Root.TryGetProperty("sequence_number", out JsonElement value) ? value.GetInt32() : null;

    public static ReceivedEvent Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        return new ReceivedEvent(json, document.RootElement.Clone(), ResponsesEventJson.Parse(json));
    }

    public bool IsTerminal => Type is "response.completed" or "response.done" or "response.incomplete" or "response.failed" or "error";
}
