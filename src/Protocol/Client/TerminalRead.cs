using System.Collections.Generic;
using ProtocolCore.Json;
using ProtocolCore.Models;

namespace ProtocolCore.Client;

/// <summary>
/// What the session keeps of a terminal event read on the view path, instead of an owned <see cref="Response"/>: the
/// output items (kept raw), and owned copies of the few members the result and the error paths use.
/// </summary>
internal readonly record struct TerminalRead(
    IReadOnlyList<OutputItem> Output,
    ResponseUsage? Usage,
    StringEnum<ServiceTier>? ServiceTier,
    ResponseError? Error,
    IncompleteDetails? IncompleteDetails);
