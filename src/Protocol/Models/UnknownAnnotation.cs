namespace ProtocolCore.Models;

/// <summary>An annotation whose <c>"type"</c> ProtocolCore does not know: its JSON, written back unchanged.</summary>
/// <remarks>The generator writes its members from <c>[JsonUnion(Fallback = typeof(UnknownAnnotation))]</c> on <see cref="Annotation"/>.</remarks>
public sealed partial class UnknownAnnotation : Annotation;
