using System;

namespace ProtocolCore.Sse;

/// <summary>An SSE stream that breaks a limit or the format.</summary>
public sealed class SseFormatException : ProtocolCoreException
{
    public SseFormatException()
    {
    }

    public SseFormatException(string message)
        : base(message)
    {
    }

    public SseFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
