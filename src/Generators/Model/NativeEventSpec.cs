namespace ProtocolCore.Generators.Model;

/// <summary>One case of the event union as the native ABI sees it: its class, union kind, <c>"type"</c> and ABI number.</summary>
/// <remarks>Plain values only, so equal events compare equal across compilations and the emit step stays cached.</remarks>
internal sealed record NativeEventSpec(
    string FullyQualifiedName,
    string KindMemberName,
    string Discriminator,
    int NativeKind);
