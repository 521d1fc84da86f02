using System.Globalization;

namespace ProtocolCore.Client;

/// <summary>
/// A client message is larger than <see cref="ResponsesClientOptions.MaxRequestMessageBytes"/>: a server closes the
/// socket with 1009 (message too big) on such a message, ending every response in flight on it, so the client refuses
/// it first. Nothing was sent and the connection stays open. A session throws it only when neither chaining through
/// the server's store nor HTTP mode for that turn applies (see <see cref="ResponsesClientOptions.MaxRequestMessageBytes"/>);
/// its conversation is unchanged, and a later, smaller turn works.
/// </summary>
public sealed class ResponsesRequestTooLargeException : ProtocolCoreException
{
    /// <summary>Creates the exception for a message of <paramref name="messageBytes"/> over <paramref name="limit"/>.</summary>
    /// <param name="messageBytes">The serialized message's size in bytes.</param>
    /// <param name="limit">The largest message allowed, in bytes.</param>
    /// <param name="message">Says what was refused; must not contain secrets or conversation content.</param>
    public ResponsesRequestTooLargeException(long messageBytes, int limit, string message)
        : base(message)
    {
        MessageBytes = messageBytes;
        Limit = limit;
    }

    /// <summary>The size of the refused message in bytes (UTF-8 JSON, before any compression).</summary>
    public long MessageBytes { get; }

    /// <summary>The largest client message allowed, in bytes (<see cref="ResponsesClientOptions.MaxRequestMessageBytes"/>).</summary>
    public int Limit { get; }

    /// <summary>Throws when <paramref name="messageBytes"/> is over <paramref name="limit"/>; <paramref name="kind"/> names the client event.</summary>
    internal static void ThrowIfTooLarge(int messageBytes, int limit, string kind)
    {
        if (messageBytes > limit)
        {
            throw new ResponsesRequestTooLargeException(messageBytes, limit, string.Format(
                CultureInfo.InvariantCulture,
                "The {0} message is {1:N0} bytes, over the {2:N0}-byte limit (ResponsesClientOptions.MaxRequestMessageBytes); the server would close the connection with 1009. Nothing was sent and the connection stays open: send less (compact the conversation, drop large images or tool outputs), or chain through store: true.",
                kind,
                messageBytes,
                limit));
        }
    }
}
