using System;

namespace ProtocolCore.Native;

/// <summary>
/// Asks the generator (<c>NativeEventTableGenerator</c>) to add to this partial class, from every case of the union
/// that declares <c>[NativeEventKind(n)]</c>: <c>const int MaxAbiKind</c>, <c>int ToAbiKind(UnionKind)</c> and
/// <c>string GetTypeString(int abiKind)</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false, AllowMultiple = false)]
internal sealed class NativeEventKindTableAttribute : Attribute
{
    public NativeEventKindTableAttribute(Type union) => Union = union;

    /// <summary>The <c>[JsonUnion]</c> class whose cases are numbered.</summary>
    public Type Union { get; }
}
