namespace ProtocolCore.Models;

/// <summary>A code interpreter output whose <c>"type"</c> ProtocolCore does not know: its JSON, written back unchanged.</summary>
/// <remarks>The generator writes its members from <c>[JsonUnion(Fallback = typeof(UnknownCodeInterpreterOutput))]</c> on <see cref="CodeInterpreterOutput"/>.</remarks>
public sealed partial class UnknownCodeInterpreterOutput : CodeInterpreterOutput;
