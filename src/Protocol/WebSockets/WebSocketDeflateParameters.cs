using System;

namespace ProtocolCore.WebSockets;

/// <summary>
/// permessage-deflate parameters (RFC 7692 §7.1) as the server accepted them in <c>Sec-WebSocket-Extensions</c>;
/// read them from <see cref="WebSocketConnection.Deflate"/>.
/// </summary>
public sealed class WebSocketDeflateParameters
{
    /// <summary>Only the handshake creates these, from the server's answer (<see cref="TryParseResponse"/>).</summary>
    internal WebSocketDeflateParameters()
    {
    }

    /// <summary>The extension token.</summary>
    internal const string ExtensionName = "permessage-deflate";

    /// <summary>What this client offers: deflate, and any client window size the server wants (we can decline to compress).</summary>
    internal const string Offer = "permessage-deflate; client_max_window_bits";

    /// <summary>The largest LZ77 window, 32 KiB; also what System.IO.Compression always uses.</summary>
    internal const int MaxWindowBits = 15;

    /// <summary>The smallest window RFC 7692 allows.</summary>
    internal const int MinWindowBits = 8;

    /// <summary>The server resets its compressor after every message.</summary>
    public bool ServerNoContextTakeover { get; internal init; }

    /// <summary>We must reset our compressor after every message we compress.</summary>
    public bool ClientNoContextTakeover { get; internal init; }

    /// <summary>The server's window (8–15). Our inflater always has a 32 KiB window, which decodes any smaller one.</summary>
    public int ServerMaxWindowBits { get; internal init; } = MaxWindowBits;

    /// <summary>
    /// The window our compressor may use (8–15). System.IO.Compression compresses with 15 bits only, so below 15 we send
    /// uncompressed messages, which permessage-deflate always allows.
    /// </summary>
    public int ClientMaxWindowBits { get; internal init; } = MaxWindowBits;

    /// <summary>True when we may send compressed messages under these parameters.</summary>
    public bool CanCompressOutgoing => ClientMaxWindowBits == MaxWindowBits;

    /// <summary>
    /// Parses the server's <c>Sec-WebSocket-Extensions</c> value, given that we sent <see cref="Offer"/>.
    /// </summary>
    /// <param name="value">The header value (every occurrence joined with ", ").</param>
    /// <param name="options">The accepted parameters.</param>
    /// <returns>False when the server selected anything else, several extensions, an unknown or repeated parameter, or a bad value.</returns>
    internal static bool TryParseResponse(string value, out WebSocketDeflateParameters? options)
    {
        ArgumentNullException.ThrowIfNull(value);
        options = null;
        ReadOnlySpan<char> text = value.AsSpan().Trim();
        if (text.Contains(','))
        {
            return false;
        }

        bool first = true;
        bool serverNoContext = false, clientNoContext = false;
        int serverBits = 0, clientBits = 0;
        foreach (Range range in text.Split(';'))
        {
            ReadOnlySpan<char> part = text[range].Trim();
            if (first)
            {
                if (!part.Equals(ExtensionName, StringComparison.OrdinalIgnoreCase))
                {
                    return false;
                }

                first = false;
                continue;
            }

            ReadOnlySpan<char> name = part;
            ReadOnlySpan<char> argument = default;
            bool hasArgument = false;
            int equals = part.IndexOf('=');
            if (equals >= 0)
            {
                name = part[..equals].Trim();
                argument = part[(equals + 1)..].Trim().Trim('"');
                hasArgument = true;
            }

            if (name.Equals("server_no_context_takeover", StringComparison.OrdinalIgnoreCase) && !hasArgument && !serverNoContext)
            {
                serverNoContext = true;
            }
            else if (name.Equals("client_no_context_takeover", StringComparison.OrdinalIgnoreCase) && !hasArgument && !clientNoContext)
            {
                clientNoContext = true;
            }
            else if (name.Equals("server_max_window_bits", StringComparison.OrdinalIgnoreCase) && serverBits == 0
                && TryParseBits(argument, out serverBits))
            {
            }
            else if (name.Equals("client_max_window_bits", StringComparison.OrdinalIgnoreCase) && clientBits == 0)
            {
                // RFC 7692 §7.1.2.2 requires a value in a response; a bare token means no limit, as servers send it.
                if (!hasArgument)
                {
                    clientBits = MaxWindowBits;
                }
                else if (!TryParseBits(argument, out clientBits))
                {
                    return false;
                }
            }
            else
            {
                return false;
            }
        }

        if (first)
        {
            return false;
        }

        options = new WebSocketDeflateParameters
        {
            ServerNoContextTakeover = serverNoContext,
            ClientNoContextTakeover = clientNoContext,
            ServerMaxWindowBits = serverBits == 0 ? MaxWindowBits : serverBits,
            ClientMaxWindowBits = clientBits == 0 ? MaxWindowBits : clientBits,
        };
        return true;
    }

    private static bool TryParseBits(ReadOnlySpan<char> text, out int bits)
    {
        // Only 1*DIGIT, no sign or spaces (RFC 7692 §7.1.2.1).
        bits = 0;
        if (text.IsEmpty || text.Length > 2)
        {
            return false;
        }

        foreach (char c in text)
        {
            if (c is < '0' or > '9')
            {
                return false;
            }

            bits = (bits * 10) + (c - '0');
        }

        return bits is >= MinWindowBits and <= MaxWindowBits;
    }
}
