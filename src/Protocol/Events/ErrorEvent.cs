using System.Collections.Generic;
using ProtocolCore.Json;
using ProtocolCore.Models;

namespace ProtocolCore.Events;

/// <summary><c>error</c>: a stream or request error, in the flat SSE form (<c>code</c>, <c>message</c>, <c>param</c>) or the nested WebSocket form (<c>error</c>, <c>status</c>).</summary>
[JsonModel(Discriminator = "error")]
[NativeEventKind(1)]
public sealed partial class ErrorEvent : ResponsesEvent
{
    /// <inheritdoc/>
    public override string Type => JsonDiscriminator;

    /// <summary>Flat (SSE) form: the error code.</summary>
    public Utf8Text? Code { get; set; }

    /// <summary>Flat (SSE) form: the error message.</summary>
    public Utf8Text? Message { get; set; }

    /// <summary>Flat (SSE) form: the parameter at fault.</summary>
    public Utf8Text? Param { get; set; }

    /// <summary>WebSocket form: the nested error object.</summary>
    public ErrorPayload? Error { get; set; }

    /// <summary>WebSocket form: the HTTP-like status code.</summary>
    public int? Status { get; set; }

    /// <summary>Headers some servers attach beside the nested error (e.g. on usage limits).</summary>
    public Dictionary<string, string>? Headers { get; set; }
}
