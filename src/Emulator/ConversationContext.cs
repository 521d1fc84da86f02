using System.Collections.Generic;
using System.Collections.Immutable;

namespace ProtocolCore.Emulator;

/// <summary>
/// The full logical context of a response chain: every input and output item so far, as encoded JSON. Immutable and
/// structurally shared, so the connection cache, the persisted store and a chain's next turn can all hold it cheaply.
/// </summary>
internal sealed class ConversationContext
{
    private ConversationContext(ImmutableList<byte[]> items, long byteCount, int functionCallOutputCount)
    {
        Items = items;
        ByteCount = byteCount;
        FunctionCallOutputCount = functionCallOutputCount;
    }

    public static ConversationContext Empty { get; } = new(ImmutableList<byte[]>.Empty, 0, 0);

    public ImmutableList<byte[]> Items { get; }

    /// <summary>UTF-8 bytes of all items (the basis of the token estimate).</summary>
    public long ByteCount { get; }

    /// <summary>How many tool results the chain holds: what drives the scripted model.</summary>
    public int FunctionCallOutputCount { get; }

    public int TokenCount => EmulatorCostModel.EstimateTokens(ByteCount);

    public ConversationContext Append(IReadOnlyList<byte[]> items, int functionCallOutputs)
    {
        if (items.Count == 0)
        {
            return this;
        }

        long bytes = ByteCount;
        foreach (byte[] item in items)
        {
            bytes += item.Length;
        }

        return new ConversationContext(Items.AddRange(items), bytes, FunctionCallOutputCount + functionCallOutputs);
    }
}
