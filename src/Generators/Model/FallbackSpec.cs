namespace ProtocolCore.Generators.Model;

/// <summary>
/// A union's fallback declared as <c>partial class UnknownX : X;</c>: the generator writes its constructor
/// <c>(string type, RawJson json)</c>, <c>Type</c>, <c>Kind</c>, <c>Json</c> and <c>WriteJson</c>.
/// </summary>
internal sealed record FallbackSpec(string Namespace, string TypeName, string KindEnumName, bool OverridesType);
