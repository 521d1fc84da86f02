using System.Runtime.InteropServices;

namespace ProtocolCore.Native;

/// <summary>
/// What <c>pc_session_turn_info</c> reports about a session's current or last turn (ABI 1.3). MIRRORS:
/// <c>pc_turn_info</c> in include/protocolcore.h (layout checked by <c>NativeTurnInfoTests</c>).
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct PcTurnInfo
{
    /// <summary>Set by the caller to sizeof(pc_turn_info): later versions append members and fill only what fits.</summary>
    public uint Size;

    /// <summary>1 once the caller saw the turn end (its figures are final), 0 while it runs (figures so far).</summary>
    public int Done;

    /// <summary><c>PC_OK</c>, or the error the turn ended with, as <c>pc_session_next_event</c> returned it.</summary>
    public int Status;

    /// <summary>1: the request carried the whole conversation; 0: chained with the new items only; -1: not known.</summary>
    public int FullContext;

    /// <summary>0: WebSocket mode; 1: HTTP mode (after any fallback).</summary>
    public int Mode;

    /// <summary>Requests sent again before one ran; -1 when not known.</summary>
    public int Retries;

    /// <summary>WebSocket connections opened during the turn.</summary>
    public int Connects;

    /// <summary>Of <see cref="Connects"/>, those that replaced an earlier connection.</summary>
    public int Reconnects;

    /// <summary>Events the session received for the turn's response.</summary>
    public long Events;

    /// <summary>Request payload bytes sent (every attempt).</summary>
    public long BytesSent;

    /// <summary>Event payload bytes received (every attempt).</summary>
    public long BytesReceived;

    /// <summary>The terminal response's usage; -1 when it carried none.</summary>
    public long InputTokens;

    public long CachedTokens;

    public long OutputTokens;

    public long ReasoningTokens;

    public long TotalTokens;

    /// <summary>The terminal response's id; null when there was none.</summary>
    public byte* ResponseId;

    public nuint ResponseIdLength;
}
