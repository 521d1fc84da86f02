using System;

namespace ProtocolCore.Client;

/// <summary>Where a terminal event's <c>response.usage</c>, <c>.error</c> and <c>.incomplete_details</c> objects sit in its JSON (null when absent or not an object).</summary>
internal readonly record struct TerminalRanges(Range? Usage, Range? Error, Range? IncompleteDetails);
