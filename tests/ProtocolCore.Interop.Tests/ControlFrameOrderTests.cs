using System;
using System.Collections.Generic;
using System.IO;
using System.Threading.Tasks;
using ProtocolCore.WebSockets;
using Xunit;

namespace ProtocolCore.Interop.Tests;

/// <summary>
/// What a peer sees of our control frames and replies (Autobahn 2.10, 2.11, 5.6–5.8, 5.19, 5.20, 3.x, 4.x, 5.15): every
/// ping gets its pong, in order; a pong owed for a ping leaves before anything the consumer sends in reaction to later
/// frames; and the valid messages that arrived before a bad frame are delivered (and can be answered) before we fail.
/// </summary>
public class ControlFrameOrderTests
{
    [Theory]
    [InlineData(10)]
    [InlineData(100)]
    public async Task PingsInOneBurst_EachGetTheirPong_InOrder(int pings)
    {
        var pongs = new List<string>();
        using var server = new ScriptedServer(stream =>
        {
            using var burst = new MemoryStream();
            for (int i = 0; i < pings; i++)
            {
                burst.Write(ScriptedServer.Frame(WebSocketOpcode.Ping, System.Text.Encoding.UTF8.GetBytes($"ping {i}")));
            }

            stream.Write(burst.ToArray());
            for (int i = 0; i < pings; i++)
            {
                var (opcode, payload) = ScriptedServer.ReadFrame(stream);
                Assert.Equal(WebSocketOpcode.Pong, opcode);
                pongs.Add(System.Text.Encoding.UTF8.GetString(payload));
            }

            stream.Write(ScriptedServer.Frame(WebSocketOpcode.Close, [0x03, 0xE8]));
            ScriptedServer.ReadClose(stream);
        });

        await using WebSocketConnection connection = await Client.ConnectAsync(server.Url, Client.Options());
        Assert.True((await Client.ReceiveAsync(connection)).IsClose);
        await server.Done.WaitAsync(Client.Deadline);
        Assert.Equal(pings, pongs.Count);
        for (int i = 0; i < pings; i++)
        {
            Assert.Equal($"ping {i}", pongs[i]);
        }
    }

    [Fact]
    public async Task PingsBetweenFragments_ArePongedBeforeTheEchoOfTheMessage()
    {
        const int Rounds = 25;
        var seen = new List<string>();
        using var server = new ScriptedServer(stream =>
        {
            for (int round = 0; round < Rounds; round++)
            {
                using var frames = new MemoryStream();
                frames.Write(ScriptedServer.Text("frag", fin: false));
                frames.Write(ScriptedServer.Frame(WebSocketOpcode.Ping, System.Text.Encoding.UTF8.GetBytes($"a{round}")));
                frames.Write(ScriptedServer.Frame(WebSocketOpcode.Continuation, "ment"u8, fin: false));
                frames.Write(ScriptedServer.Frame(WebSocketOpcode.Ping, System.Text.Encoding.UTF8.GetBytes($"b{round}")));
                frames.Write(ScriptedServer.Frame(WebSocketOpcode.Continuation, System.Text.Encoding.UTF8.GetBytes($" {round}")));
                stream.Write(frames.ToArray());
                for (int i = 0; i < 3; i++)
                {
                    var (opcode, payload) = ScriptedServer.ReadFrame(stream);
                    seen.Add($"{opcode}:{System.Text.Encoding.UTF8.GetString(payload)}");
                }
            }

            stream.Write(ScriptedServer.Frame(WebSocketOpcode.Close, [0x03, 0xE8]));
            ScriptedServer.ReadClose(stream);
        });

        await using WebSocketConnection connection = await Client.ConnectAsync(server.Url, Client.Options());
        while (true)
        {
            WebSocketReceivedMessage message = await Client.ReceiveAsync(connection);
            if (message.IsClose)
            {
                break;
            }

            await connection.SendTextAsync(message.Payload).AsTask().WaitAsync(Client.Deadline);
        }

        await server.Done.WaitAsync(Client.Deadline);
        var expected = new List<string>();
        for (int round = 0; round < Rounds; round++)
        {
            expected.Add($"Pong:a{round}");
            expected.Add($"Pong:b{round}");
            expected.Add($"Text:fragment {round}");
        }

        Assert.Equal(expected, seen);
    }

    [Theory]
    [InlineData("rsv2", 1002)]
    [InlineData("reserved-opcode", 1002)]
    [InlineData("continuation-without-start", 1002)]
    [InlineData("invalid-utf8", 1007)]
    public async Task ValidMessagesBeforeABadFrame_AreDeliveredAndAnswered_BeforeTheFailureClose(string input, int expectedCode)
    {
        var seen = new List<string>();
        using var server = new ScriptedServer(stream =>
        {
            byte[] bad = input switch
            {
                "rsv2" => ScriptedServer.Frame(WebSocketOpcode.Text, "hi"u8, firstByteExtra: 0x20),
                "reserved-opcode" => ScriptedServer.Frame((WebSocketOpcode)3, "hi"u8),
                "continuation-without-start" => ScriptedServer.Frame(WebSocketOpcode.Continuation, "hi"u8),
                _ => ScriptedServer.Frame(WebSocketOpcode.Text, [0x68, 0xC0, 0xAF]),
            };

            // All in one write, as Autobahn's "all in one chop" cases send them.
            using var frames = new MemoryStream();
            frames.Write(ScriptedServer.Text("first"));
            frames.Write(ScriptedServer.Text("second"));
            frames.Write(bad);
            frames.Write(ScriptedServer.Frame(WebSocketOpcode.Ping, "after"u8));
            stream.Write(frames.ToArray());
            while (true)
            {
                var (opcode, payload) = ScriptedServer.ReadFrame(stream);
                seen.Add(opcode == WebSocketOpcode.Close
                    ? $"Close:{System.Buffers.Binary.BinaryPrimitives.ReadUInt16BigEndian(payload)}"
                    : $"{opcode}:{System.Text.Encoding.UTF8.GetString(payload)}");
                if (opcode == WebSocketOpcode.Close)
                {
                    break;
                }
            }
        });

        await using WebSocketConnection connection = await Client.ConnectAsync(server.Url, Client.Options());
        for (int i = 0; i < 2; i++)
        {
            WebSocketReceivedMessage message = await Client.ReceiveAsync(connection);
            await connection.SendTextAsync(message.Payload).AsTask().WaitAsync(Client.Deadline);
        }

        var error = await Assert.ThrowsAsync<WebSocketProtocolException>(() => Client.ReceiveAsync(connection));
        Assert.Equal(expectedCode, (int)error.CloseStatus);
        await server.Done.WaitAsync(Client.Deadline);
        Assert.Equal(["Text:first", "Text:second", $"Close:{expectedCode}"], seen);
    }

    [Fact]
    public async Task AConsumerThatStopsReading_DoesNotHoldABrokenConnectionOpen()
    {
        int seen = 0;
        using var server = new ScriptedServer(stream =>
        {
            stream.Write(ScriptedServer.Text("never read"));
            stream.Write(ScriptedServer.Frame(WebSocketOpcode.Text, "hi"u8, firstByteExtra: 0x20));
            seen = ScriptedServer.ReadClose(stream).Code;
        });

        await using WebSocketConnection connection = await Client.ConnectAsync(
            server.Url, Client.Options(configure: o => o.CloseTimeout = TimeSpan.FromMilliseconds(200)));

        // Nobody reads: the close goes out once the close timeout has passed.
        await server.Done.WaitAsync(Client.Deadline);
        Assert.Equal(1002, seen);
        Assert.Equal("never read", Client.Utf8((await Client.ReceiveAsync(connection)).Payload));
        await Assert.ThrowsAsync<WebSocketProtocolException>(() => Client.ReceiveAsync(connection));
    }
}
