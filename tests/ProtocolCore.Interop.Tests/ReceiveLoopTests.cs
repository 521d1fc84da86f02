using System;
using System.Collections.Generic;
using System.IO;
using System.Threading.Tasks;
using ProtocolCore.WebSockets;

namespace ProtocolCore.Interop.Tests;

/// <summary>
/// The receive loop against a scripted server: bad input closes with the right code and surfaces as a typed error,
/// pings are answered while the consumer is not reading, a slow consumer loses nothing, the watchdog fires.
/// </summary>
public class ReceiveLoopTests
{
    public static TheoryData<string, int> BadInputs => new()
    {
        { "masked", 1002 },
        { "rsv2", 1002 },
        { "reserved-opcode", 1002 },
        { "continuation-without-start", 1002 },
        { "invalid-utf8", 1007 },
        { "invalid-utf8-in-partial-frame", 1007 },
        { "too-big", 1009 },
        { "rsv1-without-deflate", 1002 },
    };

    [Theory]
    [MemberData(nameof(BadInputs))]
    public async Task BadInput_ClosesWithTheRightCode_AndThrowsTyped(string input, int expectedCode)
    {
        int seen = 0;
        using var server = new ScriptedServer(stream =>
        {
            stream.Write(ScriptedServer.Text("{\"type\":\"ok\"}"));
            byte[] bad = input switch
            {
                "masked" => ScriptedServer.Frame(WebSocketOpcode.Text, "hi"u8, masked: true),
                "rsv2" => ScriptedServer.Frame(WebSocketOpcode.Text, "hi"u8, firstByteExtra: 0x20),
                "reserved-opcode" => ScriptedServer.Frame((WebSocketOpcode)3, "hi"u8),
                "continuation-without-start" => ScriptedServer.Frame(WebSocketOpcode.Continuation, "hi"u8),
                "invalid-utf8" => ScriptedServer.Frame(WebSocketOpcode.Text, [0x68, 0xC0, 0xAF]),
                "too-big" => ScriptedServer.Frame(WebSocketOpcode.Binary, new byte[2000]),
                "rsv1-without-deflate" => ScriptedServer.Frame(WebSocketOpcode.Text, "hi"u8, firstByteExtra: 0x40),

                // Only the header and a bad first byte of a 1 MiB frame: the client must not wait for the rest.
                _ => ScriptedServer.Frame(WebSocketOpcode.Text, new byte[1024 * 1024])[..20],
            };
            if (input == "invalid-utf8-in-partial-frame")
            {
                bad[10] = 0xFF;
            }

            stream.Write(bad);
            seen = ScriptedServer.ReadClose(stream).Code;
        });

        await using WebSocketConnection connection = await Client.ConnectAsync(server.Url, Client.Options(configure: o => o.MaxMessageLength = input == "too-big" ? 1000 : 4 * 1024 * 1024));
        WebSocketReceivedMessage first = await Client.ReceiveAsync(connection);
        Assert.Equal("{\"type\":\"ok\"}", Client.Utf8(first.Payload));

        var error = await Assert.ThrowsAsync<WebSocketProtocolException>(() => Client.ReceiveAsync(connection));
        Assert.Equal(expectedCode, (int)error.CloseStatus);
        await server.Done.WaitAsync(Client.Deadline);
        Assert.Equal(expectedCode, seen);
        Assert.Equal(expectedCode, (int)connection.CloseStatus!.Value);
    }

    [Fact]
    public async Task PingsAreAnswered_WhileTheConsumerIsNotReading()
    {
        var pongSeen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var server = new ScriptedServer(stream =>
        {
            for (int i = 0; i < 10; i++)
            {
                stream.Write(ScriptedServer.Text($"message {i}"));
            }

            stream.Write(ScriptedServer.Frame(WebSocketOpcode.Ping, "are you there"u8));
            var (opcode, payload) = ScriptedServer.ReadFrame(stream);
            Assert.Equal(WebSocketOpcode.Pong, opcode);
            Assert.Equal("are you there"u8.ToArray(), payload);
            pongSeen.SetResult();
            stream.Write(ScriptedServer.Text("pong seen"));
            ScriptedServer.ReadClose(stream);
        });

        await using WebSocketConnection connection = await Client.ConnectAsync(server.Url, Client.Options());

        // Nobody reads until the server has its pong.
        await Task.WhenAny(pongSeen.Task, server.Done).Unwrap().WaitAsync(Client.Deadline);
        var received = new List<string>();
        for (int i = 0; i < 11; i++)
        {
            received.Add(Client.Utf8((await Client.ReceiveAsync(connection)).Payload));
        }

        Assert.Equal("pong seen", received[^1]);
        await connection.CloseAsync();
        await server.Done.WaitAsync(Client.Deadline);
    }

    [Fact]
    public async Task SlowConsumer_StopsReads_AndNothingIsDropped()
    {
        const int Count = 2000;
        using var server = new ScriptedServer(stream =>
        {
            for (int i = 0; i < Count; i++)
            {
                stream.Write(ScriptedServer.Text($"{{\"n\":{i},\"pad\":\"{new string('x', i % 300)}\"}}"));
            }

            stream.Write(ScriptedServer.Frame(WebSocketOpcode.Close, [0x03, 0xE8]));
            ScriptedServer.ReadClose(stream);
        });

        await using WebSocketConnection connection = await Client.ConnectAsync(server.Url, Client.Options(configure: o => o.ReceiveQueueCapacity = 4));
        for (int i = 0; i < Count; i++)
        {
            WebSocketReceivedMessage message = await Client.ReceiveAsync(connection);
            Assert.StartsWith($"{{\"n\":{i},", Client.Utf8(message.Payload), StringComparison.Ordinal);
            if (i % 100 == 0)
            {
                // Let the queue fill up and the loop stop reading.
                await Task.Delay(20);
            }
        }

        Assert.True((await Client.ReceiveAsync(connection)).IsClose);
        await server.Done.WaitAsync(Client.Deadline);
    }

    [Fact]
    public async Task MissingPong_FailsTheConnection_WithKeepAliveTimeout()
    {
        using var server = new ScriptedServer(stream =>
        {
            // Read the client's pings and never answer; stop when the client gives up.
            try
            {
                while (ScriptedServer.ReadFrame(stream).Opcode == WebSocketOpcode.Ping)
                {
                }
            }
            catch (IOException)
            {
            }
        });

        await using WebSocketConnection connection = await Client.ConnectAsync(
            server.Url,
            Client.Options(configure: o =>
            {
                o.KeepAliveInterval = TimeSpan.FromMilliseconds(50);
                o.KeepAliveTimeout = TimeSpan.FromMilliseconds(200);
            }));

        var error = await Assert.ThrowsAsync<WebSocketConnectionException>(() => Client.ReceiveAsync(connection));
        Assert.Equal(WebSocketConnectionError.KeepAliveTimeout, error.Error);
    }

    [Fact]
    public async Task KeepAlive_PingsOnItsOwn_AndAnsweredPongsKeepTheConnection()
    {
        using var server = new ScriptedServer(stream =>
        {
            for (int i = 1; i <= 3; i++)
            {
                var (opcode, payload) = ScriptedServer.ReadFrame(stream);
                Assert.Equal(WebSocketOpcode.Ping, opcode);
                Assert.Equal(8, payload.Length);
                stream.Write(ScriptedServer.Frame(WebSocketOpcode.Pong, payload));
            }

            stream.Write(ScriptedServer.Text("three pings answered"));
            ScriptedServer.ReadClose(stream);
        });

        await using WebSocketConnection connection = await Client.ConnectAsync(
            server.Url,
            Client.Options(configure: o =>
            {
                o.KeepAliveInterval = TimeSpan.FromMilliseconds(20);
                o.KeepAliveTimeout = TimeSpan.FromSeconds(10);
            }));

        Assert.Equal("three pings answered", Client.Utf8((await Client.ReceiveAsync(connection)).Payload));
        await connection.CloseAsync();
        await server.Done.WaitAsync(Client.Deadline);
    }

    [Fact]
    public async Task ConnectionDroppedWithoutClose_IsAbnormalClosure()
    {
        using var server = new ScriptedServer(stream =>
        {
            stream.Write(ScriptedServer.Text("last words"));
            stream.Socket.Shutdown(System.Net.Sockets.SocketShutdown.Both);
        });

        await using WebSocketConnection connection = await Client.ConnectAsync(server.Url, Client.Options());
        Assert.Equal("last words", Client.Utf8((await Client.ReceiveAsync(connection)).Payload));
        var error = await Assert.ThrowsAsync<WebSocketConnectionException>(() => Client.ReceiveAsync(connection));
        Assert.Equal(WebSocketConnectionError.ConnectionLost, error.Error);
        Assert.Equal(WebSocketCloseCode.AbnormalClosure, connection.CloseStatus);
    }
}
