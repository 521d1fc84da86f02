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
    private static readonly byte[] s_typeBytes = BuildTypeBytes(out s_typeOffsets);

    private static readonly int[] s_typeOffsets;

    /// <summary>The pinned UTF-8 type string of a known ABI kind (1 and up).</summary>
    public static byte* GetTypeUtf8(int abiKind, out int length)
    {
        int start = s_typeOffsets[abiKind];
        length = s_typeOffsets[abiKind + 1] - start;
        return (byte*)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(s_typeBytes)) + start;
    }

    private static byte[] BuildTypeBytes(out int[] offsets)
    {
        offsets = new int[MaxAbiKind + 2];
        int total = 0;
        for (int k = 0; k <= MaxAbiKind; k++)
        {
            offsets[k] = total;
            total += Encoding.UTF8.GetByteCount(GetTypeString(k));
        }

        offsets[MaxAbiKind + 1] = total;
        byte[] bytes = GC.AllocateUninitializedArray<byte>(total, pinned: true);
        for (int k = 0; k <= MaxAbiKind; k++)
        {
            Encoding.UTF8.GetBytes(GetTypeString(k), bytes.AsSpan(offsets[k]));
        }

        return bytes;
    }
}
