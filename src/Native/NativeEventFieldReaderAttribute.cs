using System;

namespace ProtocolCore.Native;

/// <summary>
/// Asks the generator (<c>NativeEventTableGenerator</c>) to implement each <c>static partial void M(Union e, out T1 a,
/// out T2 b, ...)</c> of this partial class: every <c>out</c> parameter receives the event's public property of the
/// same name in PascalCase (<c>itemId</c> reads <c>ItemId</c>) and the same type, or <c>default</c> when the event has
/// none.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false, AllowMultiple = false)]
internal sealed class NativeEventFieldReaderAttribute : Attribute
{
    public NativeEventFieldReaderAttribute(Type union) => Union = union;

    /// <summary>The <c>[JsonUnion]</c> class whose cases are read.</summary>
    public Type Union { get; }
}
