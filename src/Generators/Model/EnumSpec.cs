using ProtocolCore.Generators.Helpers;

namespace ProtocolCore.Generators.Model;

/// <summary>A <c>[JsonStringEnum]</c> enum: member names and their JSON strings.</summary>
internal sealed record EnumSpec(
    string Namespace,
    string TypeName,
    string FullyQualifiedName,
    string Accessibility,
    ImmutableEquatableArray<EnumMemberSpec> Members);

internal sealed record EnumMemberSpec(string Name, string JsonValue);
