using System;
using System.Text.Json;
using ProtocolCore.Json;

namespace ProtocolCore.Models;

/// <summary>An output content part whose <c>"type"</c> ProtocolCore does not know: its JSON, written back unchanged.</summary>
public sealed class UnknownOutputContent : OutputContent
{
    public UnknownOutputContent(string type, RawJson json)
    {
        ArgumentNullException.ThrowIfNull(type);
        Type = type;
        Json = json;
    }

    /// <summary>The <c>"type"</c> string as received (empty when the object had none).</summary>
    public string Type { get; }

    public override InputContentKind Kind => InputContentKind.Unknown;

    /// <summary>The whole object as received.</summary>
    public RawJson Json { get; }

    public override void WriteJson(Utf8JsonWriter writer) => Json.WriteTo(writer);
}
