namespace ProtocolCore.Generators.Model;

/// <summary>Two cases of one union that declare the same discriminator (PCG0008); <see cref="Second"/> is the one reported.</summary>
internal sealed record DuplicateDiscriminatorSpec(string UnionTypeName, UnionCaseSpec First, UnionCaseSpec Second);
