using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using ProtocolCore.Events;

namespace ProtocolCore.Native;

/// <summary>
/// The ABI's event kinds (<c>pc_event.kind</c>, <c>PC_EVENT_*</c> in protocolcore.h). <see cref="ResponsesEventKind"/>
/// is numbered by the generator in discriminator order, so a new event type would renumber it; the ABI must only grow,
/// so each event class declares its ABI number (<c>[NativeEventKind(n)]</c>) and the generator writes
/// <c>MaxAbiKind</c>, <c>ToAbiKind</c> and <c>GetTypeString</c> from those (see <see cref="NativeEventKindTableAttribute"/>).
/// MIRRORS: the <c>PC_EVENT_*</c> values in include/protocolcore.h (checked by <c>NativeHeaderTests</c>; the numbers
/// themselves are pinned by <c>EventKindNumberTests</c>).
/// </summary>
[NativeEventKindTable(typeof(ResponsesEvent))]
internal static unsafe partial class EventKinds
{
    /// <summary>Every known type string as UTF-8, back to back in one pinned array so pc_event can point into it.</summary>
    private static readonly byte[] s_typeBytes = BuildTypeBytes(out s_types);

    /// <summary>Where each ABI kind's type string is in <see cref="s_typeBytes"/>: one lookup per event.</summary>
    private static readonly TypeString[] s_types;

    /// <summary>The pinned UTF-8 type string of a known ABI kind (1 and up).</summary>
    public static byte* GetTypeUtf8(int abiKind, out int length)
    {
        ref readonly TypeString type = ref s_types[abiKind];
        length = type.Length;
        return type.Pointer;
    }

    private static byte[] BuildTypeBytes(out TypeString[] types)
    {
        int total = 0;
        for (int k = 0; k <= MaxAbiKind; k++)
        {
            total += Encoding.UTF8.GetByteCount(GetTypeString(k));
        }

        byte[] bytes = GC.AllocateUninitializedArray<byte>(total, pinned: true);
        byte* start = (byte*)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(bytes));
        types = new TypeString[MaxAbiKind + 1];
        int offset = 0;
        for (int k = 0; k <= MaxAbiKind; k++)
        {
            int length = Encoding.UTF8.GetBytes(GetTypeString(k), bytes.AsSpan(offset));
            types[k] = new TypeString(start + offset, length);
            offset += length;
        }

        return bytes;
    }

    /// <summary>A type string in the pinned <see cref="s_typeBytes"/> (which lives as long as the process).</summary>
    private readonly struct TypeString(byte* pointer, int length)
    {
        public byte* Pointer { get; } = pointer;

        public int Length { get; } = length;
    }
}
