using ProtocolCore.Json;

namespace ProtocolCore.Models;

/// <summary>
/// A content part of an assistant message or reasoning item (<c>part</c> of the content-part events), by its
/// <c>"type"</c>. Every output content part is also an <see cref="InputContent"/>, so an output message replays as is.
/// </summary>
public abstract class OutputContent : InputContent, IJsonValue<OutputContent>
{
    /// <summary>
    /// Reads a part through the <see cref="InputContent"/> dispatch; a kind no response outputs (unknown, or input-only
    /// such as <c>input_text</c>) becomes an <see cref="UnknownOutputContent"/> holding its JSON.
    /// </summary>
    public static new OutputContent ReadJson(ref JsonScanner reader, JsonReadContext context) => ReadJson(ref reader, context, null);

    /// <summary>
    /// Reads through the <see cref="InputContent"/> dispatch into the instance <paramref name="cache"/> keeps for the case when one
    /// is given (a view decode reading the same place again), else into a new instance.
    /// </summary>
    internal static new OutputContent ReadJson(ref JsonScanner reader, JsonReadContext context, JsonInstanceCache<InputContent>? cache)
    {
        JsonScanner start = reader;
        InputContent part = InputContent.ReadJson(ref reader, context, cache);
        switch (part)
        {
            case OutputContent output:
                return output;
            case UnknownInputContent unknown:
                return new UnknownOutputContent(unknown.Type, unknown.Json);
            default:
                // Input-only kinds never appear in output; should one, keep it verbatim rather than fail the event.
                reader = start;
                return new UnknownOutputContent(KnownDiscriminators[(int)part.Kind - 1], context.ReadRaw(ref reader));
        }
    }
}
