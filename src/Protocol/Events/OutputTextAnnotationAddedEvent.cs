using ProtocolCore.Json;
using ProtocolCore.Models;

namespace ProtocolCore.Events;

/// <summary><c>response.output_text.annotation.added</c>: an annotation was added to output text.</summary>
[JsonModel(Discriminator = "response.output_text.annotation.added")]
[NativeEventKind(45)]
public sealed partial class OutputTextAnnotationAddedEvent : ResponsesEvent
{
    public override string Type => JsonDiscriminator;

    public Utf8Text? ItemId { get; set; }

    public int? OutputIndex { get; set; }

    public int? ContentIndex { get; set; }

    public int? AnnotationIndex { get; set; }

    public Annotation? Annotation { get; set; }
}
