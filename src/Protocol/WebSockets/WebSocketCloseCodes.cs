namespace ProtocolCore.WebSockets;

/// <summary>Which close codes may appear in a close frame on the wire (RFC 6455 §7.4).</summary>
internal static class WebSocketCloseCodes
{
    /// <summary>
    /// True when <paramref name="code"/> may be carried by a close frame: the defined protocol codes (1000–1003,
    /// 1007–1014), and the ranges for libraries and applications (3000–4999). 1004–1006 and 1015 are reserved for
    /// local reporting, 0–999 are unused and 5000+ is undefined; ManagedWebSocket draws the same line.
    /// </summary>
    public static bool IsValidOnWire(int code) => code switch
    {
        >= 1000 and <= 1003 => true,
        >= 1007 and <= 1014 => true,
        >= 3000 and <= 4999 => true,
        _ => false,
    };
}
