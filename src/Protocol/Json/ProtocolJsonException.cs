using System;

namespace ProtocolCore.Json;

/// <summary>JSON that is malformed or does not fit the model; carries the byte offset where reading stopped.</summary>
public sealed class ProtocolJsonException : ProtocolCoreException
{
    /// <summary>An exception for a problem found at <paramref name="bytePosition"/> in the input.</summary>
    public ProtocolJsonException(string message, long bytePosition)
        : base(message) => BytePosition = bytePosition;

    /// <summary>
    /// An exception for a problem found at <paramref name="bytePosition"/> in the input, caused by <paramref
    /// name="innerException"/>.
    /// </summary>
    public ProtocolJsonException(string message, long bytePosition, Exception innerException)
        : base(message, innerException) => BytePosition = bytePosition;

    /// <summary>An exception with the default message and a <see cref="BytePosition"/> of 0.</summary>
    public ProtocolJsonException()
    {
    }

    /// <summary>An exception with <paramref name="message"/> and a <see cref="BytePosition"/> of 0.</summary>
    public ProtocolJsonException(string message)
        : base(message)
    {
    }

    /// <summary>
    /// An exception with <paramref name="message"/>, caused by <paramref name="innerException"/>, and a <see
    /// cref="BytePosition"/> of 0.
    /// </summary>
    public ProtocolJsonException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Offset in the input where the problem was found.</summary>
    public long BytePosition { get; }
}
