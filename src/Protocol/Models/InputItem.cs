using ProtocolCore.Json;

namespace ProtocolCore.Models;

/// <summary>
/// An item of a request's <c>input</c>, by its <c>"type"</c>: every <see cref="OutputItem"/> (a later request replays
/// output items as they are), plus the kinds only a request sends (<see cref="ItemReference"/>,
/// <see cref="CompactionTrigger"/>). An item without <c>"type"</c> (the short message form) or of another kind is kept as
/// an <see cref="UnknownInputItem"/>.
/// </summary>
[JsonUnion(Fallback = typeof(UnknownInputItem))]
public abstract partial class InputItem
{
}
