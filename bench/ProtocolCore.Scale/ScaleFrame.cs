namespace ProtocolCore.Scale;

/// <summary>
/// One server event as it goes on the wire (an unmasked text frame), with the places the server fills per send: the
/// response id (so <c>previous_response_id</c> chains), the item ids' tails and, on deltas, the send stamp.
/// </summary>
internal sealed class ScaleFrame
{
    public ScaleFrame(byte[] bytes, int[] idOffsets, int[] itemIdTailOffsets, int[] itemNumbers, int stampOffset, bool isDelta)
    {
        Bytes = bytes;
        IdOffsets = idOffsets;
        ItemIdTailOffsets = itemIdTailOffsets;
        ItemNumbers = itemNumbers;
        StampOffset = stampOffset;
        IsDelta = isDelta;
    }

    /// <summary>The frame, header included, with placeholder id and stamp.</summary>
    public byte[] Bytes { get; }

    /// <summary>Where the response id's characters start in <see cref="Bytes"/>.</summary>
    public int[] IdOffsets { get; }

    /// <summary>Where the tail (<see cref="ScaleTurn.ItemIdTailDigits"/> hex digits) of each item id in <see cref="Bytes"/> starts.</summary>
    public int[] ItemIdTailOffsets { get; }

    /// <summary>For each of <see cref="ItemIdTailOffsets"/>, which of the turn's items the id is (numbered as they appear).</summary>
    public int[] ItemNumbers { get; }

    /// <summary>Where the stamp's <see cref="ScaleTurn.StampDigits"/> digits start in <see cref="Bytes"/>, or -1.</summary>
    public int StampOffset { get; }

    public bool IsDelta { get; }
}
