using System;
using System.Buffers;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using ProtocolCore.WebSockets;

namespace ProtocolCore.Tests.WebSockets;

/// <summary>
/// The sans-IO connection core alone: server bytes in, events and client frames out. Every case runs with the bytes in
/// one segment and one byte per segment, and both all at once and arriving one byte at a time.
/// </summary>
public class WebSocketConnectionCoreTests
{
    public static TheoryData<string, bool> Inputs => new()
    {
        { "SingleSegment", false },
        { "SegmentPerByte", false },
        { "SingleSegment", true },
        { "SegmentPerByte", true },
        { ArrayInput, false },
        { ArrayInput, true },
    };

    /// <summary>The bytes in one array, at an offset, read through <see cref="WebSocketConnectionCore.ReceiveFromArray"/>.</summary>
    private const string ArrayInput = "Array";

    [Theory]
    [MemberData(nameof(Inputs))]
    public void Messages_AndFragments_ComeOut_WithControlFramesHandledOnTheWay(string factory, bool byteByByte)
    {
        using var driver = new Driver(factory, byteByByte);

        driver.Feed(TestFrames.Concat(
            TestFrames.Text("one"),
            TestFrames.Text("fr", fin: false),
            TestFrames.Frame(WebSocketOpcode.Pong, "k"u8),
            TestFrames.Frame(WebSocketOpcode.Continuation, "ag"u8),
            TestFrames.Frame(WebSocketOpcode.Binary, [1, 2, 3])));

        Assert.Equal(["Text:one", "Pong", "Text:frag", "Binary:3"], driver.Events);
        Assert.Equal(WebSocketConnectionState.Open, driver.Core.State);
        Assert.Empty(driver.Sent());
    }

    [Theory]
    [MemberData(nameof(Inputs))]
    public void EveryPing_GetsItsPong_InOrder_AheadOfTheNextFrameSent(string factory, bool byteByByte)
    {
        using var driver = new Driver(factory, byteByByte);

        driver.Feed(TestFrames.Concat(
            TestFrames.Frame(WebSocketOpcode.Ping, "a"u8),
            TestFrames.Text("question"),
            TestFrames.Frame(WebSocketOpcode.Ping, "b"u8)));
        Assert.True(driver.Core.HasPendingPongs);
        driver.Core.WriteMessage(driver.Output, WebSocketOpcode.Text, "answer"u8);

        Assert.Equal(["Ping", "Text:question", "Ping"], driver.Events);
        Assert.Equal(["Pong:a", "Pong:b", "Text:answer"], driver.Sent());
        Assert.False(driver.Core.HasPendingPongs);
    }

    [Theory]
    [MemberData(nameof(Inputs))]
    public void APingFlood_StopsReading_UntilTheWaitingPongsAreWritten(string factory, bool byteByByte)
    {
        const int Pings = WebSocketPongQueue.Capacity * 3 + 1;
        using var driver = new Driver(factory, byteByByte);
        byte[][] pings = Enumerable.Range(0, Pings).Select(i => TestFrames.Frame(WebSocketOpcode.Ping, Encoding.UTF8.GetBytes($"p{i}"))).ToArray();

        driver.Feed(TestFrames.Concat(pings));
        driver.Core.WritePendingPongs(driver.Output);

        // The driver writes the pongs out whenever the core reports a backlog, as the receive loop does.
        Assert.Equal(Pings, driver.Events.Count(e => e == "Ping"));
        Assert.Equal((Pings - 1) / WebSocketPongQueue.Capacity, driver.Events.Count(e => e == "Backlogged"));
        Assert.Equal(Enumerable.Range(0, Pings).Select(i => $"Pong:p{i}"), driver.Sent());
    }

    [Theory]
    [MemberData(nameof(Inputs))]
    public void ThePeersClose_IsEchoed_AfterTheOwedPongs_AndNothingIsReadOrSentAfterIt(string factory, bool byteByByte)
    {
        using var driver = new Driver(factory, byteByByte);

        driver.Feed(TestFrames.Concat(
            TestFrames.Frame(WebSocketOpcode.Ping, "last"u8),
            TestFrames.Close(1001, "going away"),
            TestFrames.Text("after the close")));

        Assert.Equal(["Ping", "Close:1001:going away"], driver.Events);
        Assert.Equal(WebSocketConnectionState.CloseReceived, driver.Core.State);
        Assert.Equal(WebSocketCloseCode.GoingAway, driver.Core.PeerCloseStatus);
        Assert.True(driver.Core.TryWriteCloseReply(driver.Output));
        Assert.False(driver.Core.TryWriteCloseReply(driver.Output));
        Assert.Equal(WebSocketConnectionState.Closed, driver.Core.State);
        Assert.False(driver.Core.TryWritePing(driver.Output, "x"u8));
        Assert.Throws<InvalidOperationException>(() => driver.Core.WriteMessage(driver.Output, WebSocketOpcode.Text, "late"u8));
        Assert.Equal(WebSocketConnectionEvent.CloseReceived, driver.Core.Receive(new ReadOnlySequence<byte>(TestFrames.Text("more")), out _, out _));
        Assert.Equal(["Pong:last", "Close:1001:"], driver.Sent());
    }

    [Theory]
    [MemberData(nameof(Inputs))]
    public void ACloseWithoutACode_IsEchoedWithoutACode(string factory, bool byteByByte)
    {
        using var driver = new Driver(factory, byteByByte);

        driver.Feed(TestFrames.Frame(WebSocketOpcode.Close, []));

        Assert.Equal(["Close:1005:"], driver.Events);
        Assert.True(driver.Core.TryWriteCloseReply(driver.Output));
        Assert.Equal(["Close"], driver.Sent());
    }

    [Theory]
    [MemberData(nameof(Inputs))]
    public void AfterOurClose_MessagesStillArrive_ThePeersCloseIsNotEchoed_AndNothingElseIsSent(string factory, bool byteByByte)
    {
        using var driver = new Driver(factory, byteByByte);
        driver.Feed(TestFrames.Frame(WebSocketOpcode.Ping, "owed"u8));

        Assert.True(driver.Core.TryWriteClose(driver.Output, WebSocketCloseCode.NormalClosure, "done"));
        Assert.Equal(WebSocketConnectionState.CloseSent, driver.Core.State);
        Assert.False(driver.Core.TryWriteClose(driver.Output, WebSocketCloseCode.NormalClosure, "again"));
        driver.Feed(TestFrames.Concat(TestFrames.Frame(WebSocketOpcode.Ping, "late"u8), TestFrames.Text("in flight"), TestFrames.Close(1000)));
        driver.Core.WritePendingPongs(driver.Output);

        Assert.Equal(["Ping", "Ping", "Text:in flight", "Close:1000:"], driver.Events);
        Assert.False(driver.Core.TryWriteCloseReply(driver.Output));
        Assert.Equal(WebSocketConnectionState.Closed, driver.Core.State);
        Assert.Equal(["Pong:owed", "Close:1000:done"], driver.Sent());
    }

    [Theory]
    [InlineData("SingleSegment", false, "rsv2", 1002)]
    [InlineData("SegmentPerByte", false, "rsv2", 1002)]
    [InlineData("SingleSegment", true, "rsv2", 1002)]
    [InlineData("SegmentPerByte", true, "rsv2", 1002)]
    [InlineData("SingleSegment", false, "continuation", 1002)]
    [InlineData("SegmentPerByte", true, "continuation", 1002)]
    [InlineData("SingleSegment", false, "utf8", 1007)]
    [InlineData("SegmentPerByte", false, "utf8", 1007)]
    [InlineData("SingleSegment", true, "utf8", 1007)]
    [InlineData("SegmentPerByte", true, "utf8", 1007)]
    [InlineData("SingleSegment", false, "close-code", 1002)]
    [InlineData("SegmentPerByte", true, "close-code", 1002)]
    [InlineData("SingleSegment", false, "too-big", 1009)]
    [InlineData("SegmentPerByte", true, "too-big", 1009)]
    public void AProtocolError_ComesAfterTheValidMessages_AndOwesACloseWithItsCode(string factory, bool byteByByte, string input, int code)
    {
        using var driver = new Driver(factory, byteByByte, maxMessageLength: 16);
        byte[] bad = input switch
        {
            "rsv2" => TestFrames.Frame(WebSocketOpcode.Text, "hi"u8, rsv: 0x20),
            "continuation" => TestFrames.Frame(WebSocketOpcode.Continuation, "hi"u8),
            "utf8" => TestFrames.Frame(WebSocketOpcode.Text, [0x68, 0xC0, 0xAF, 0x68, 0x68]),
            "close-code" => TestFrames.Close(1005),
            _ => TestFrames.Text(new string('x', 17)),
        };

        driver.Feed(TestFrames.Concat(TestFrames.Text("first"), TestFrames.Frame(WebSocketOpcode.Ping, "p"u8), bad, TestFrames.Text("never")));

        Assert.Equal(["Text:first", "Ping", "Error"], driver.Events);
        Assert.Equal(WebSocketConnectionState.Failed, driver.Core.State);
        Assert.Equal(code, (int)WebSocketProtocolErrors.GetCloseStatus(driver.Core.Error));
        Assert.Equal(WebSocketConnectionEvent.ProtocolError, driver.Core.Receive(new ReadOnlySequence<byte>(TestFrames.Text("more")), out _, out _));

        // Sending stays possible until the failure close (replies to what was delivered go out first).
        driver.Core.WriteMessage(driver.Output, WebSocketOpcode.Text, "reply"u8);
        Assert.True(driver.Core.TryWriteCloseReply(driver.Output));
        Assert.False(driver.Core.TryWriteCloseReply(driver.Output));
        Assert.Equal(["Pong:p", "Text:reply", $"Close:{code}:{WebSocketProtocolErrors.GetReason(driver.Core.Error)}"], driver.Sent());
    }

    [Theory]
    [MemberData(nameof(Inputs))]
    public void InvalidUtf8_InALongTextFrame_FailsBeforeTheFrameEnds(string factory, bool byteByByte)
    {
        using var driver = new Driver(factory, byteByByte);
        byte[] frame = TestFrames.Frame(WebSocketOpcode.Text, [.. "valid start "u8, 0xFF, .. new byte[200]]);

        // Only the bytes up to the bad one arrive.
        driver.Feed(frame.AsSpan(0, 4 + 13).ToArray());

        Assert.Equal(["Error"], driver.Events);
        Assert.Equal(WebSocketProtocolError.InvalidUtf8, driver.Core.Error);
    }

    [Fact]
    public void OurClose_CutsTheReasonToWhatACloseFrameHolds_AndNeverSendsALocalOnlyCode()
    {
        var output = new ArrayBufferWriter<byte>();
        using (var core = new WebSocketConnectionCore(WebSocketFrameReaderOptions.Client, WebSocketMessageAssemblerOptions.Default))
        {
            Assert.True(core.TryWriteClose(output, WebSocketCloseCode.NormalClosure, new string('é', 100)));
        }

        using (var core = new WebSocketConnectionCore(WebSocketFrameReaderOptions.Client, WebSocketMessageAssemblerOptions.Default))
        {
            Assert.True(core.TryWriteClose(output, WebSocketCloseCode.AbnormalClosure, "local"));
        }

        string[] sent = Driver.ReadSent(output.WrittenMemory);
        Assert.Equal($"Close:1000:{new string('é', 61)}", sent[0]);
        Assert.Equal("Close", sent[1]);
    }

    [Fact]
    public void APong_IsReportedToTheKeepAlive()
    {
        var keepAlive = new WebSocketKeepAlive(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1), now: 0);
        using var core = new WebSocketConnectionCore(WebSocketFrameReaderOptions.Client, WebSocketMessageAssemblerOptions.Default, keepAlive: keepAlive);
        Assert.Equal(WebSocketKeepAliveAction.SendPing, keepAlive.Poll(1000, receiverPaused: false));
        keepAlive.OnPingSent(1000);

        Assert.Equal(WebSocketConnectionEvent.PongReceived, core.Receive(new ReadOnlySequence<byte>(TestFrames.Frame(WebSocketOpcode.Pong, [])), out _, out _));

        Assert.Equal(WebSocketKeepAliveAction.None, keepAlive.Poll(2500, receiverPaused: false));
        Assert.Equal(3500, keepAlive.NextDeadline);
    }

    /// <summary>Feeds a core as a shell would and records what comes out.</summary>
    private sealed class Driver : IDisposable
    {
        private readonly ReadOnlySequenceFactory? _factory;
        private readonly bool _byteByByte;
        private byte[] _pending = [];
        private bool _ended;

        public Driver(string factory, bool byteByByte, int maxMessageLength = WebSocketMessageAssemblerOptions.DefaultMaxMessageLength)
        {
            _factory = factory == ArrayInput ? null : ReadOnlySequenceFactory.ByName(factory);
            _byteByByte = byteByByte;
            Core = new WebSocketConnectionCore(WebSocketFrameReaderOptions.Client, new WebSocketMessageAssemblerOptions { MaxMessageLength = maxMessageLength });
        }

        public WebSocketConnectionCore Core { get; }

        public List<string> Events { get; } = [];

        public ArrayBufferWriter<byte> Output { get; } = new();

        public void Feed(byte[] bytes)
        {
            if (!_byteByByte)
            {
                Arrive(bytes);
                return;
            }

            foreach (byte b in bytes)
            {
                Arrive([b]);
            }
        }

        /// <summary>The frames the core wrote, unmasked, as "Opcode:payload" ("Close:code:reason", "Close" without a code).</summary>
        public string[] Sent() => ReadSent(Output.WrittenMemory);

        public static string[] ReadSent(ReadOnlyMemory<byte> written)
        {
            var (frames, _, error) = TestFrames.ReadAll(new ReadOnlySequence<byte>(written), new WebSocketFrameReaderOptions { IsServer = true });
            Assert.Equal(WebSocketProtocolError.None, error);
            return frames.Select(frame =>
            {
                byte[] payload = frame.Payload;
                WebSocketMasking.Mask(payload, frame.Header.MaskKey, 0);
                return frame.Header.Opcode switch
                {
                    WebSocketOpcode.Close when payload.Length == 0 => "Close",
                    WebSocketOpcode.Close => $"Close:{BinaryPrimitives.ReadUInt16BigEndian(payload)}:{Encoding.UTF8.GetString(payload.AsSpan(2))}",
                    _ => $"{frame.Header.Opcode}:{Encoding.UTF8.GetString(payload)}",
                };
            }).ToArray();
        }

        public void Dispose() => Core.Dispose();

        private WebSocketConnectionEvent Receive(out WebSocketMessage message, out byte[] rest)
        {
            if (_factory is null)
            {
                // Bytes before and after the window must be left alone.
                const int Offset = 3;
                byte[] array = [0xFF, 0xFF, 0xFF, .. _pending, 0x81, 0x01];
                WebSocketConnectionEvent arrayReceived = Core.ReceiveFromArray(array, Offset, _pending.Length, out message, out int consumedBytes);
                Assert.InRange(consumedBytes, 0, _pending.Length);
                rest = _pending.AsSpan(consumedBytes).ToArray();
                return arrayReceived;
            }

            ReadOnlySequence<byte> buffer = _factory.Create(_pending);
            WebSocketConnectionEvent received = Core.Receive(buffer, out message, out SequencePosition consumed);
            rest = buffer.Slice(consumed).ToArray();
            return received;
        }

        private void Arrive(byte[] bytes)
        {
            if (_ended)
            {
                // A shell stops reading after the peer's close or a protocol error.
                return;
            }

            _pending = [.. _pending, .. bytes];
            while (true)
            {
                WebSocketConnectionEvent received = Receive(out WebSocketMessage message, out byte[] rest);
                switch (received)
                {
                    case WebSocketConnectionEvent.Message:
                        Events.Add(message.IsText ? $"Text:{Encoding.UTF8.GetString(message.Payload)}" : $"Binary:{message.Payload.Length}");
                        break;
                    case WebSocketConnectionEvent.PingReceived:
                        Events.Add("Ping");
                        break;
                    case WebSocketConnectionEvent.PongReceived:
                        Events.Add("Pong");
                        break;
                    case WebSocketConnectionEvent.PongsBacklogged:
                        Events.Add("Backlogged");
                        Core.WritePendingPongs(Output);
                        break;
                    case WebSocketConnectionEvent.CloseReceived:
                        Events.Add($"Close:{(int)message.CloseStatus}:{Encoding.UTF8.GetString(message.CloseReason)}");
                        _ended = true;
                        return;
                    case WebSocketConnectionEvent.ProtocolError:
                        Events.Add("Error");
                        _ended = true;
                        return;
                }

                _pending = rest;
                if (received == WebSocketConnectionEvent.NeedMoreData)
                {
                    return;
                }
            }
        }
    }
}
