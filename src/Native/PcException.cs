using System;

namespace ProtocolCore.Native;

/// <summary>A failure with the status code the export returns for it; the message becomes the thread's last error.</summary>
internal sealed class PcException : Exception
{
    public PcException(int status, string message)
        : base(message) => Status = status;

    public PcException()
    {
    }

    public PcException(string message)
        : base(message)
    {
    }

    public PcException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public int Status { get; } = PcStatus.Internal;
}
