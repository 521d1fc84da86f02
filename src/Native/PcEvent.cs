using System.Runtime.InteropServices;
using System.Text;
using ProtocolCore.Events;

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

    /// <summary>The bytes <see cref="SetHeader"/> copies into scratch for <paramref name="e"/>: its type, when the kind is unknown.</summary>
    public static int TypeCopyLength(ResponsesEvent e, int kind) => kind == 0 ? Encoding.UTF8.GetByteCount(e.Type) : 0;

    /// <summary>
    /// Sets what the codec and the session fill alike: kind, sequence number, indexes, raw JSON and type. A known kind's
    /// type is a static string; an unknown one is copied into <paramref name="scratch"/>, which the caller has sized for
    /// <see cref="TypeCopyLength"/> more bytes.
    /// </summary>
    public void SetHeader(ResponsesEvent e, int kind, int? outputIndex, int? contentIndex, byte* json, int jsonLength, PinnedBuffer scratch)
    {
        Kind = kind;
        SequenceNumber = e.SequenceNumber ?? -1;
        OutputIndex = outputIndex ?? -1;
        ContentIndex = contentIndex ?? -1;
        RawJson = json;
        RawJsonLength = (nuint)jsonLength;

        if (kind != 0)
        {
            Type = EventKinds.GetTypeUtf8(kind, out int typeLength);
            TypeLength = (nuint)typeLength;
        }
        else
        {
            int written = Encoding.UTF8.GetBytes(e.Type, scratch.GetSpan(0));
            Type = scratch.Pointer + scratch.Length;
            TypeLength = (nuint)written;
            scratch.Advance(written);
        }
    }
}
