using System;
using System.Text;
using System.Threading.Tasks;
using ProtocolCore.WebSockets;

namespace ProtocolCore.Interop.Tests;

/// <summary>Helpers shared by the interop tests: connecting with bounded timeouts, echo checks, payload makers.</summary>
internal static class Client
{
    /// <summary>Every test await is bounded: a hang fails the test instead of stalling the run.</summary>
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    public static WebSocketClientOptions Options(bool compression = false, Action<WebSocketClientOptions>? configure = null)
    {
        var options = new WebSocketClientOptions
        {
            EnableCompression = compression,
            KeepAliveInterval = TimeSpan.Zero,
            UseEnvironmentProxy = false,
        };
        configure?.Invoke(options);
        return options;
    }

    public static Task<WebSocketConnection> ConnectAsync(Uri uri, WebSocketClientOptions options) =>
        WebSocketConnection.ConnectAsync(uri, options).WaitAsync(Deadline);

    public static Task<WebSocketReceivedMessage> ReceiveAsync(WebSocketConnection connection) =>
        connection.ReceiveAsync().AsTask().WaitAsync(Deadline);

    /// <summary>Sends a message and checks that the echo is the same kind and the same bytes.</summary>
    public static async Task AssertEchoAsync(WebSocketConnection connection, byte[] payload, bool text)
    {
        if (text)
        {
            await connection.SendTextAsync(payload).AsTask().WaitAsync(Deadline);
        }
        else
        {
            await connection.SendBinaryAsync(payload).AsTask().WaitAsync(Deadline);
        }

        WebSocketReceivedMessage echo = await ReceiveAsync(connection);
        Assert.Equal(text ? WebSocketOpcode.Text : WebSocketOpcode.Binary, echo.Opcode);
        Assert.Equal(payload.Length, echo.Payload.Length);
        Assert.True(echo.Payload.Span.SequenceEqual(payload), "The echo differs from what was sent.");
    }

    /// <summary>
    /// Connects to an echo endpoint (sending compressed when <paramref name="compression"/>), checks a text and a binary
    /// message of <paramref name="size"/> bytes come back unchanged, then closes cleanly.
    /// </summary>
    public static async Task AssertEchoRoundTripAsync(Uri echo, int size, bool compression)
    {
        await using WebSocketConnection connection = await ConnectAsync(echo, Options(compression, o => o.CompressOutgoingMessages = compression));
        Assert.Equal(compression, connection.Deflate is not null);

        await AssertEchoAsync(connection, Text(size), text: true);
        await AssertEchoAsync(connection, Binary(size, seed: size), text: false);
        await connection.CloseAsync();
        Assert.Equal(WebSocketCloseCode.NormalClosure, connection.CloseStatus);
    }

    /// <summary>ASCII JSON-like text of the given length: compressible, like real events.</summary>
    public static byte[] Text(int length)
    {
        var bytes = new byte[length];
        ReadOnlySpan<byte> pattern = "{\"type\":\"response.output_text.delta\",\"delta\":\"hello world 0123456789\"}\n"u8;
        for (int i = 0; i < length; i++)
        {
            bytes[i] = pattern[i % pattern.Length];
        }

        return bytes;
    }

    /// <summary>Random bytes: incompressible, so deflate has to emit stored blocks.</summary>
    public static byte[] Binary(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    public static string Utf8(ReadOnlyMemory<byte> payload) => Encoding.UTF8.GetString(payload.Span);

    public static int[] Sizes => [0, 1, 125, 126, 65535, 65536, 1024 * 1024, 16 * 1024 * 1024];

    public static TheoryData<int, bool> SizesAndCompression()
    {
        var data = new TheoryData<int, bool>();
        foreach (int size in Sizes)
        {
            data.Add(size, false);
            data.Add(size, true);
        }

        return data;
    }
}
