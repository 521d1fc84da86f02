using ProtocolCore.Events;
using ProtocolCore.Json;

namespace ProtocolCore.Native;

/// <summary>
/// The members of an event that <c>pc_event</c> carries besides its type and sequence number. The generator writes the
/// body from the event classes (see <see cref="NativeEventFieldReaderAttribute"/>): a switch over the kind (a jump table
/// and one cast) rather than reflection or an interface, so it is AOT-safe, allocation-free, and an event gains or
/// loses a field by declaring the property.
/// </summary>
[NativeEventFieldReader(typeof(ResponsesEvent))]
internal static partial class EventFields
{
    public static partial void Read(ResponsesEvent e, out Utf8Text? itemId, out int? outputIndex, out int? contentIndex, out Utf8Text? delta);
}
