using System;
using System.Text.Json;
using ProtocolCore.Json;

namespace ProtocolCore.Models;

/// <summary>An output item whose <c>"type"</c> ProtocolCore does not know: its JSON, written back unchanged.</summary>
public sealed class UnknownOutputItem : OutputItem
{
    public UnknownOutputItem(string type, RawJson json)
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
