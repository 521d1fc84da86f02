using System;

namespace ProtocolCore;

/// <summary>
/// The base of every exception ProtocolCore throws for a network, protocol, server, data or timeout failure, so one
/// <c>catch (ProtocolCoreException)</c> covers them all. Argument validation still throws <see cref="ArgumentException"/>,
/// and the caller's own cancellation still throws <see cref="OperationCanceledException"/>.
/// </summary>
/// <remarks>
/// Messages are fixed text plus what is needed to act on them (a host, a status, a server's error text with any
/// configured API key redacted); never a credential.
/// </remarks>
public abstract class ProtocolCoreException : Exception
{
    /// <summary>Creates the exception with a default message.</summary>
    protected ProtocolCoreException()
    {
    }

    /// <summary>Creates the exception with its message.</summary>
    protected ProtocolCoreException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with its message and the failure that caused it.</summary>
    protected ProtocolCoreException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
