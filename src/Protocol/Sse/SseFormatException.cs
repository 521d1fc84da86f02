using System;

namespace ProtocolCore.Sse;

/// <summary>An SSE stream that breaks a limit or the format.</summary>
public sealed class SseFormatException : ProtocolCoreException
{
    /// <summary>An exception with the default message.</summary>
    public SseFormatException()
    {
    }

    /// <summary>An exception with <paramref name="message"/>.</summary>
    public SseFormatException(string message)
        : base(message)
    {
    }

    /// <summary>An exception with <paramref name="message"/>, caused by <paramref name="innerException"/>.</summary>
    public SseFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
