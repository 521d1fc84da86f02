using System;
using Microsoft.Extensions.Logging;

namespace ProtocolCore.Extensions.Hosting.Tests;

/// <summary>One log entry as a provider received it: the formatted message and the exception's full text.</summary>
internal sealed record CapturedLog(string Category, LogLevel Level, EventId EventId, string Message, Exception? Exception)
{
    /// <summary>Everything a log sink could write for the entry.</summary>
    public string FullText => Message + "\n" + Exception;
}
