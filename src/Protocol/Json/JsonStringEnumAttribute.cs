using System;

namespace ProtocolCore.Json;

/// <summary>
/// Marks an enum whose members map to JSON strings (snake_case of the member name unless <see cref="JsonStringValueAttribute"/>
/// says otherwise). Models hold it as <see cref="StringEnum{TEnum}"/> so values the enum does not know survive a round trip.
/// </summary>
[AttributeUsage(AttributeTargets.Enum, Inherited = false, AllowMultiple = false)]
public sealed class JsonStringEnumAttribute : Attribute
{
}
