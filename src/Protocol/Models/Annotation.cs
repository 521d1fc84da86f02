using ProtocolCore.Json;

namespace ProtocolCore.Models;

/// <summary>An annotation of <c>output_text</c>, by its <c>"type"</c>.</summary>
[JsonUnion(Fallback = typeof(UnknownAnnotation))]
public abstract partial class Annotation
{
}
