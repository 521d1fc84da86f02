using ProtocolCore.Json;

namespace ProtocolCore.Models;

/// <summary>
/// An item of <c>response.output</c> (and of <c>response.output_item.*</c> events), by its <c>"type"</c>. Every output
/// item is also an <see cref="InputItem"/> (the API's item union is one set of wire shapes for both directions), so a
/// conversation replays the objects it received without converting them. Its <see cref="InputItem.Kind"/> says which.
/// </summary>
public abstract class OutputItem : InputItem, IJsonValue<OutputItem>
{
    /// <summary>
    /// Reads an item through the <see cref="InputItem"/> dispatch; a kind no response outputs (unknown, or input-only such
    /// as <c>item_reference</c>) becomes an <see cref="UnknownOutputItem"/> holding its JSON.
    /// </summary>
    public static new OutputItem ReadJson(ref JsonScanner reader, JsonReadContext context) => ReadJson(ref reader, context, null);

    /// <summary>
    /// Reads through the <see cref="InputItem"/> dispatch into the instance <paramref name="cache"/> keeps for the case when one
    /// is given (a view decode reading the same place again), else into a new instance.
    /// </summary>
    internal static new OutputItem ReadJson(ref JsonScanner reader, JsonReadContext context, JsonInstanceCache<InputItem>? cache)
    {
        JsonScanner start = reader;
        InputItem item = InputItem.ReadJson(ref reader, context, cache);
        switch (item)
        {
            case OutputItem output:
                return output;
            case UnknownInputItem unknown:
                return new UnknownOutputItem(unknown.Type, unknown.Json);
            default:
                // Input-only kinds never appear in output; should one, keep it verbatim rather than fail the event.
                reader = start;
                return new UnknownOutputItem(KnownDiscriminators[(int)item.Kind - 1], context.ReadRaw(ref reader));
        }
    }
}
