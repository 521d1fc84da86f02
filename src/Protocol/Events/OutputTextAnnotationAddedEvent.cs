using ProtocolCore.Json;
using ProtocolCore.Models;

namespace ProtocolCore.Events;

/// <summary><c>response.output_text.annotation.added</c>: an annotation was added to output text.</summary>
[JsonModel(Discriminator = "response.output_text.annotation.added")]
[NativeEventKind(45)]
public sealed partial class OutputTextAnnotationAddedEvent : ResponsesEvent
{
    /// <inheritdoc/>
    public override string Type => JsonDiscriminator;

    /// <summary>The id of the output item this event is about.</summary>
    public Utf8Text? ItemId { get; set; }

    /// <summary>The index of the output item in the response's <c>output</c>.</summary>
    public int? OutputIndex { get; set; }

    /// <summary>The index of the content part in the item's <c>content</c>.</summary>
    public int? ContentIndex { get; set; }

    /// <summary>The index of the annotation in the part's <c>annotations</c>.</summary>
    public int? AnnotationIndex { get; set; }

    /// <summary>The annotation (a citation or file path).</summary>
    public Annotation? Annotation { get; set; }
}
