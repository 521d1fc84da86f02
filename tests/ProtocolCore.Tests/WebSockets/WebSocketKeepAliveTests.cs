using System;
using System.Buffers.Binary;
using ProtocolCore.WebSockets;

namespace ProtocolCore.Tests.WebSockets;

/// <summary>The keep-alive bookkeeping with the time passed in: no clock, no waiting.</summary>
public class WebSocketKeepAliveTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(3);

    [Fact]
    public void PingsEveryInterval_NumberedInTheirPayload()
    {
        var keepAlive = new WebSocketKeepAlive(Interval, Timeout, now: 1_000);
        Span<byte> payload = stackalloc byte[8];

        Assert.Equal(11_000, keepAlive.NextDeadline);
        Assert.Equal(WebSocketKeepAliveAction.None, keepAlive.Poll(10_999, receiverPaused: false));
        Assert.Equal(WebSocketKeepAliveAction.SendPing, keepAlive.Poll(11_000, receiverPaused: false));
        Assert.Equal(8, keepAlive.WritePingPayload(payload));
        Assert.Equal(1, BinaryPrimitives.ReadInt64BigEndian(payload));
        keepAlive.OnPingSent(11_005);
        Assert.Equal(14_005, keepAlive.NextDeadline);

        keepAlive.OnPongReceived();
        Assert.Equal(WebSocketKeepAliveAction.None, keepAlive.Poll(11_500, receiverPaused: false));
        Assert.Equal(21_500, keepAlive.NextDeadline);
        Assert.Equal(WebSocketKeepAliveAction.SendPing, keepAlive.Poll(21_500, receiverPaused: false));
        keepAlive.WritePingPayload(payload);
        Assert.Equal(2, BinaryPrimitives.ReadInt64BigEndian(payload));
    }

    [Fact]
    public void AMissingPong_TimesOut_ButNotWhileTheReceiverIsPaused()
    {
        var keepAlive = new WebSocketKeepAlive(Interval, Timeout, now: 0);
        Assert.Equal(WebSocketKeepAliveAction.SendPing, keepAlive.Poll(10_000, receiverPaused: false));
        keepAlive.OnPingSent(10_000);

        Assert.Equal(WebSocketKeepAliveAction.None, keepAlive.Poll(12_999, receiverPaused: false));

        // We are not reading: the pong may wait behind unread data, so the deadline moves on.
        Assert.Equal(WebSocketKeepAliveAction.None, keepAlive.Poll(13_000, receiverPaused: true));
        Assert.Equal(16_000, keepAlive.NextDeadline);
        Assert.Equal(WebSocketKeepAliveAction.TimedOut, keepAlive.Poll(16_000, receiverPaused: false));
    }

    [Fact]
    public void APongFromAnEarlierPing_DoesNotAnswerTheNextOne()
    {
        var keepAlive = new WebSocketKeepAlive(Interval, Timeout, now: 0);
        keepAlive.OnPongReceived();

        Assert.Equal(WebSocketKeepAliveAction.SendPing, keepAlive.Poll(10_000, receiverPaused: false));
        keepAlive.OnPingSent(10_000);

        Assert.Equal(WebSocketKeepAliveAction.TimedOut, keepAlive.Poll(13_000, receiverPaused: false));
    }

    [Fact]
    public void Disabled_NeverAsksForAnything()
    {
        var keepAlive = new WebSocketKeepAlive(TimeSpan.Zero, Timeout, now: 0);

        Assert.False(keepAlive.IsEnabled);
        Assert.Equal(long.MaxValue, keepAlive.NextDeadline);
        Assert.Equal(WebSocketKeepAliveAction.None, keepAlive.Poll(long.MaxValue - 1, receiverPaused: false));
    }
}
