using System;
using System.Text.Json;
using ProtocolCore.Json;

namespace ProtocolCore.Models;

/// <summary>An output item whose <c>"type"</c> ProtocolCore does not know: its JSON, written back unchanged.</summary>
public sealed class UnknownOutputItem : OutputItem
{
    /// <summary>Keeps an unrecognised item so it can be sent back as it came.</summary>
    /// <param name="type">The object's <c>"type"</c> string; empty when it had none.</param>
    /// <param name="json">The whole object, as received.</param>
    /// <exception cref="ArgumentNullException"><paramref name="type"/> is null.</exception>
    public UnknownOutputItem(string type, RawJson json)
    {
        ArgumentNullException.ThrowIfNull(type);
        Type = type;
        Json = json;
    }

    /// <summary>The <c>"type"</c> string as received (empty when the object had none).</summary>
    public string Type { get; }

    /// <summary>Always <see cref="InputItemKind.Unknown"/>; <see cref="Type"/> says what the server sent.</summary>
    public override InputItemKind Kind => InputItemKind.Unknown;

    /// <summary>The whole object as received.</summary>
    public RawJson Json { get; }

    /// <summary>Writes <see cref="Json"/> unchanged, so the server gets back exactly what it sent.</summary>
    public override void WriteJson(Utf8JsonWriter writer) => Json.WriteTo(writer);
}
