using ProtocolCore.Json;

namespace ProtocolCore.Models;

/// <summary>A content part of an input message, by its <c>"type"</c>.</summary>
[JsonUnion(Fallback = typeof(UnknownInputContent))]
public abstract partial class InputContent
{
}
