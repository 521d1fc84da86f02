using System;
using System.ComponentModel;

namespace ProtocolCore.Json;

/// <summary>
/// The number of an event type in the native library's C ABI (<c>pc_event_kind</c> in protocolcore.h). The ABI only
/// grows: a number, once given, is never changed or reused, so a new event type takes the next free one (and the header
/// gains its <c>PC_EVENT_*</c> line). The native library's kind table and field reader are generated from these.
/// </summary>
/// <remarks>Read at build time by ProtocolCore's own source generator, which is not shipped: on types outside ProtocolCore it has no effect.</remarks>
[AttributeUsage(AttributeTargets.Class, Inherited = false, AllowMultiple = false)]
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class NativeEventKindAttribute : Attribute
{
    /// <summary>Gives the event type the C ABI number <paramref name="kind"/>.</summary>
    /// <param name="kind">The <c>pc_event_kind</c> value: 1 and up, never reused.</param>
    public NativeEventKindAttribute(int kind) => Kind = kind;

    /// <summary>The <c>pc_event_kind</c> value, 1 and up (0 is <c>PC_EVENT_UNKNOWN</c>).</summary>
    public int Kind { get; }
}
