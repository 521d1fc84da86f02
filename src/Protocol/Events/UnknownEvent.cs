using System;
using System.Text.Json;
using ProtocolCore.Json;

namespace ProtocolCore.Events;

/// <summary>An event whose <c>"type"</c> ProtocolCore does not know: its type string and its JSON, written back unchanged.</summary>
public sealed class UnknownEvent : ResponsesEvent
{
    private readonly string _type;

    public UnknownEvent(string type, RawJson json)
    {
        ArgumentNullException.ThrowIfNull(type);
        _type = type;
        Json = json;
    }

    public override string Type => _type;

    public override ResponsesEventKind Kind => ResponsesEventKind.Unknown;

    /// <summary>The whole event object as received.</summary>
    public RawJson Json { get; }

    public override void WriteJson(Utf8JsonWriter writer) => Json.WriteTo(writer);
}
