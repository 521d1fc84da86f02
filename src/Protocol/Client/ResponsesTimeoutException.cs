using System;
using System.Globalization;

namespace ProtocolCore.Client;

/// <summary>
/// A timeout of <see cref="ResponsesClientOptions"/> ran out. It says which one (<see cref="TimeoutName"/>) and its
/// value. It is the <see cref="Exception.InnerException"/> of the failure the caller gets, whose type says whether the
/// request may have started: <see cref="ResponseInterruptedException"/> (sent; not replayed) or
/// <see cref="ResponsesHttpConnectException"/> (nothing was sent).
/// </summary>
public sealed class ResponsesTimeoutException : ProtocolCoreException
{
    /// <param name="timeoutName">The option that ran out.</param>
    /// <param name="timeout">Its value.</param>
    /// <param name="what">What did not happen in time, e.g. "No event arrived".</param>
    public ResponsesTimeoutException(string timeoutName, TimeSpan timeout, string what)
        : this(timeoutName, timeout, what, null)
    {
    }

    /// <summary>Creates the exception with the cancellation that signalled the timeout.</summary>
    public ResponsesTimeoutException(string timeoutName, TimeSpan timeout, string what, Exception? innerException)
        : base(string.Create(CultureInfo.InvariantCulture, $"{what} within {timeoutName} ({timeout.TotalSeconds:0.###} s)."), innerException)
    {
        ArgumentException.ThrowIfNullOrEmpty(timeoutName);
        TimeoutName = timeoutName;
        Timeout = timeout;
    }

    /// <summary>
    /// The wait for a response's next event ran out: <see cref="ResponsesClientOptions.FirstEventTimeout"/> before
    /// the first one, <see cref="ResponsesClientOptions.IdleTimeout"/> after it (both transports count alike).
    /// </summary>
    internal static ResponsesTimeoutException ForEventWait(ResponsesClientOptions options, int eventsReceived) => eventsReceived == 0
        ? new(nameof(ResponsesClientOptions.FirstEventTimeout), options.FirstEventTimeout, "No event arrived")
        : new(nameof(ResponsesClientOptions.IdleTimeout), options.IdleTimeout, "No further event arrived");

    /// <summary>The option that ran out, e.g. <c>FirstEventTimeout</c>, <c>IdleTimeout</c> or <c>ConnectTimeout</c>.</summary>
    public string TimeoutName { get; }

    /// <summary>Its value.</summary>
    public TimeSpan Timeout { get; }
}
