using System;
using System.ComponentModel;

namespace ProtocolCore.Json;

/// <summary>
/// Marks an enum whose members map to JSON strings (snake_case of the member name unless <see cref="JsonStringValueAttribute"/>
/// says otherwise). Models hold it as <see cref="StringEnum{TEnum}"/> so values the enum does not know survive a round trip.
/// </summary>
/// <remarks>Read at build time by ProtocolCore's own source generator, which is not shipped: on types outside ProtocolCore it has no effect.</remarks>
[AttributeUsage(AttributeTargets.Enum, Inherited = false, AllowMultiple = false)]
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class JsonStringEnumAttribute : Attribute
{
}
