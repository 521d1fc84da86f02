using ProtocolCore.Json;

namespace ProtocolCore.Events;

/// <summary><c>response.inject.created</c>: injected input was accepted into a running response (beta).</summary>
[JsonModel(Discriminator = "response.inject.created")]
[NativeEventKind(33)]
public sealed partial class ResponseInjectCreatedEvent : ResponsesEvent
{
    /// <inheritdoc/>
    public override string Type => JsonDiscriminator;

    /// <summary>The id of the response the input was injected into.</summary>
    public Utf8Text? ResponseId { get; set; }
}
