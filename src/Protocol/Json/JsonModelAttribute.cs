using System;
using System.ComponentModel;

namespace ProtocolCore.Json;

/// <summary>
/// Marks a <c>partial</c> class whose JSON reader and writer are emitted by the ProtocolCore generator.
/// Every public instance property with a getter and a setter (declared here or on a base class) is a member;
/// its JSON name is the snake_case form of the property name unless <see cref="JsonNameAttribute"/> says otherwise.
/// </summary>
/// <remarks>Read at build time by ProtocolCore's own source generator, which is not shipped: on types outside ProtocolCore it has no effect.</remarks>
[AttributeUsage(AttributeTargets.Class, Inherited = false, AllowMultiple = false)]
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class JsonModelAttribute : Attribute
{
    /// <summary>
    /// The value of the <c>"type"</c> member that identifies this class inside its <see cref="JsonUnionAttribute"/> base.
    /// When set, the writer emits it first and the reader accepts it without treating it as an unknown member.
    /// </summary>
    public string? Discriminator { get; set; }
}
