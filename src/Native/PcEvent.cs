using System.Runtime.InteropServices;

namespace ProtocolCore.Native;

/// <summary>
/// One decoded event as <c>pc_codec_next_event</c> hands it over. Pointers refer to library memory valid until the
/// next call on the same codec that pulls, feeds or destroys. MIRRORS: <c>pc_event</c> in include/protocolcore.h
/// (layout checked by <c>NativeHeaderTests</c>).
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct PcEvent
{
    /// <summary>Set by the caller to sizeof(pc_event): later versions append members and fill only what fits.</summary>
    public uint Size;

    /// <summary>A <c>PC_EVENT_*</c> value; 0 for a type the library does not know.</summary>
    public int Kind;

    /// <summary>-1 when the event has none.</summary>
    public long SequenceNumber;

    /// <summary>-1 when the event has none.</summary>
    public int OutputIndex;

    /// <summary>-1 when the event has none.</summary>
    public int ContentIndex;

    public byte* Type;

    public nuint TypeLength;

    /// <summary>Null when the event has none.</summary>
    public byte* ItemId;

    public nuint ItemIdLength;

    /// <summary>Null unless the event is a text delta; unescaped UTF-8.</summary>
    public byte* Delta;

    public nuint DeltaLength;

    /// <summary>The whole message as received.</summary>
    public byte* RawJson;

    public nuint RawJsonLength;
}
