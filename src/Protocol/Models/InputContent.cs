using ProtocolCore.Json;

namespace ProtocolCore.Models;

/// <summary>
/// A content part of a message (or of a tool call's output), by its <c>"type"</c>: the parts a request sends
/// (<c>input_text</c>, <c>input_image</c>, <c>input_file</c>) and every <see cref="OutputContent"/>, which a replayed
/// assistant message carries.
/// </summary>
[JsonUnion(Fallback = typeof(UnknownInputContent))]
public abstract partial class InputContent
{
}
