using System;

namespace ProtocolCore.Json;

/// <summary>JSON that is malformed or does not fit the model; carries the byte offset where reading stopped.</summary>
public sealed class ProtocolJsonException : ProtocolCoreException
{
    public ProtocolJsonException(string message, long bytePosition)
        : base(message) => BytePosition = bytePosition;

    public ProtocolJsonException(string message, long bytePosition, Exception innerException)
        : base(message, innerException) => BytePosition = bytePosition;

    public ProtocolJsonException()
    {
    }

    public ProtocolJsonException(string message)
        : base(message)
    {
    }

    public ProtocolJsonException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Offset in the input where the problem was found.</summary>
    public long BytePosition { get; }
}
