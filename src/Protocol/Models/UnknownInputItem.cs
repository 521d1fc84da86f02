using System;
using System.Text.Json;
using ProtocolCore.Json;

namespace ProtocolCore.Models;

/// <summary>An input item whose <c>"type"</c> ProtocolCore does not know (or that has none): its JSON, written back unchanged. Also the way to send any item kind as raw JSON.</summary>
public sealed class UnknownInputItem : InputItem
{
    public UnknownInputItem(string type, RawJson json)
    {
        ArgumentNullException.ThrowIfNull(type);
        Type = type;
        Json = json;
    }

    /// <summary>The <c>"type"</c> string as received (empty when the object had none).</summary>
    public string Type { get; }

    public override InputItemKind Kind => InputItemKind.Unknown;

    /// <summary>The whole object as received.</summary>
    public RawJson Json { get; }

    public override void WriteJson(Utf8JsonWriter writer) => Json.WriteTo(writer);
}
