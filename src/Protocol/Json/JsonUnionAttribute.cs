using System;
using System.ComponentModel;

namespace ProtocolCore.Json;

/// <summary>
/// Marks an <c>abstract partial</c> class as a polymorphic union: the generator finds every <see cref="JsonModelAttribute"/>
/// class deriving from it and emits a reader that dispatches on the <c>"type"</c> member, wherever it appears in the object.
/// </summary>
/// <remarks>Read at build time by ProtocolCore's own source generator, which is not shipped: on types outside ProtocolCore it has no effect.</remarks>
[AttributeUsage(AttributeTargets.Class, Inherited = false, AllowMultiple = false)]
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class JsonUnionAttribute : Attribute
{
    /// <summary>
    /// The class that receives objects whose discriminator no case declares. It derives from the union and has a public
    /// constructor taking <c>(string type, RawJson json)</c>, so unknown kinds keep their JSON and write it back unchanged.
    /// </summary>
    public Type? Fallback { get; set; }
}
