using System;
using System.Text.Json;
using System.Threading;
using ProtocolCore.Json;
using ProtocolCore.Models;

namespace ProtocolCore.Client;

/// <summary>
/// An output item the view path keeps for the conversation as the JSON the server sent (one exact-size array), not as
/// an object graph: a full-context request writes those bytes back unchanged, and the owned model is decoded only when
/// someone asks (<see cref="ResponsesSession.Conversation"/>, <see cref="ResponsesTurnResult.Output"/>,
/// <see cref="ResponsesTurnResult.FunctionCalls"/>), once. Never handed to callers: the lists they see present it
/// decoded (<see cref="KeptItemList{TItem}"/>).
/// </summary>
internal sealed class KeptOutputItem : OutputItem
{
    private readonly byte[] _json;
    private OutputItem? _decoded;

    private KeptOutputItem(byte[] json, InputItemKind kind)
    {
        _json = json;
        Kind = kind;
    }

    /// <summary>The item's kind, as the view decode of it said (<see cref="InputItemKind.Unknown"/> for a kind ProtocolCore does not know).</summary>
    public override InputItemKind Kind { get; }

    /// <summary>The item's JSON, as received.</summary>
    public ReadOnlySpan<byte> Json => _json;

    /// <summary>Keeps a copy of <paramref name="json"/>, one complete item object that was decoded already (so it is well-formed).</summary>
    public static KeptOutputItem Copy(ReadOnlySpan<byte> json, InputItemKind kind) => new(json.ToArray(), kind);

    /// <summary>The owned item, decoded on first use and then kept (every caller sees the same instance, as on the owned path).</summary>
    public OutputItem Decoded
    {
        get
        {
            if (Volatile.Read(ref _decoded) is { } decoded)
            {
                return decoded;
            }

            // Values point into the private copy, which never changes: fewer arrays than a decode that copies each one.
            JsonReadContext context = JsonReadContext.RentOwnedCopyContext(_json);
            try
            {
                var reader = new JsonScanner(_json);
                reader.Read();
                return Interlocked.CompareExchange(ref _decoded, OutputItem.ReadJson(ref reader, context), null) ?? _decoded;
            }
            finally
            {
                JsonReadContext.ReturnOwnedCopyContext(context);
            }
        }
    }

    /// <summary>What a caller sees for a kept item: <paramref name="item"/> itself, or the owned model of a raw one.</summary>
    public static InputItem Present(InputItem item) => item is KeptOutputItem kept ? kept.Decoded : item;

    /// <summary>Writes the JSON as the server sent it (validated when it was decoded as a view).</summary>
    public override void WriteJson(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteRawValue(_json, skipInputValidation: true);
    }

    /// <summary>The kind and size only: the content is conversation data.</summary>
    public override string ToString() => $"KeptOutputItem {{ Kind = {Kind}, Bytes = {_json.Length} }}";
}
