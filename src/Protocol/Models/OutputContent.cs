using ProtocolCore.Json;

namespace ProtocolCore.Models;

/// <summary>A content part of an output message or reasoning item (<c>part</c> of the content-part events), by its <c>"type"</c>.</summary>
[JsonUnion(Fallback = typeof(UnknownOutputContent))]
public abstract partial class OutputContent
{
}
