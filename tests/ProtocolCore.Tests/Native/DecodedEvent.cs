using System.Text;
using ProtocolCore.Native;

namespace ProtocolCore.Tests.Native;

/// <summary>A <see cref="PcEvent"/> copied out of the codec's memory.</summary>
internal sealed record DecodedEvent(int Kind, string Type, long SequenceNumber, int OutputIndex, int ContentIndex, string? ItemId, string? Delta, string RawJson)
{
    public static unsafe DecodedEvent From(in PcEvent e) => new(
        e.Kind,
        Text(e.Type, e.TypeLength)!,
        e.SequenceNumber,
        e.OutputIndex,
        e.ContentIndex,
        Text(e.ItemId, e.ItemIdLength),
        Text(e.Delta, e.DeltaLength),
        Text(e.RawJson, e.RawJsonLength)!);

    private static unsafe string? Text(byte* pointer, nuint length) =>
        pointer is null ? null : Encoding.UTF8.GetString(pointer, (int)length);
}
