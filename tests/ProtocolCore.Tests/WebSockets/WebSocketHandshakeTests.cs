using System;
using System.Buffers;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using ProtocolCore.WebSockets;

namespace ProtocolCore.Tests.WebSockets;

public class WebSocketHandshakeTests
{
    private const string Secret = "sk-unit-NEVER-PRINT-abcdef";

    [Fact]
    public void AcceptKey_MatchesTheRfc6455Example()
    {
        // RFC 6455 §1.3.
        Assert.Equal("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=", WebSocketHandshake.ComputeAcceptKey("dGhlIHNhbXBsZSBub25jZQ=="));
    }

    [Fact]
    public void CreateKey_Is16RandomBytesInBase64()
    {
        string a = WebSocketHandshake.CreateKey();
        Assert.Equal(16, Convert.FromBase64String(a).Length);
        Assert.NotEqual(a, WebSocketHandshake.CreateKey());
    }

    [Fact]
    public void Request_HasTheUpgradeHeaders_AuthAndExtraHeaders_AndTheDeflateOffer()
    {
        var output = new ArrayBufferWriter<byte>();
        WebSocketHandshake.WriteRequest(
            output,
            new Uri("wss://api.openai.com/v1/responses?x=1"),
            "dGhlIHNhbXBsZSBub25jZQ==",
            Secret,
            [new("OpenAI-Beta", "responses_websockets=2026-02-06")],
            offerDeflate: true);

        Assert.Equal(
            "GET /v1/responses?x=1 HTTP/1.1\r\n" +
            "Host: api.openai.com\r\n" +
            "Upgrade: websocket\r\n" +
            "Connection: Upgrade\r\n" +
            "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n" +
            "Sec-WebSocket-Version: 13\r\n" +
            "Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits\r\n" +
            $"Authorization: Bearer {Secret}\r\n" +
            "OpenAI-Beta: responses_websockets=2026-02-06\r\n" +
            "\r\n",
            Encoding.UTF8.GetString(output.WrittenSpan));
    }

    [Theory]
    [InlineData("ws://127.0.0.1:8080/x", "127.0.0.1:8080")]
    [InlineData("ws://[::1]:9/x", "[::1]:9")]
    [InlineData("wss://example.com:443/", "example.com")]
    public void Host_HasThePortUnlessDefault(string uri, string host) =>
        Assert.Equal(host, WebSocketHandshake.FormatHost(new Uri(uri)));

    [Fact]
    public void Request_RejectsHeaderInjection_WithoutEchoingTheValue()
    {
        var error = Assert.Throws<ArgumentException>(() => WebSocketHandshake.WriteRequest(
            new ArrayBufferWriter<byte>(), new Uri("ws://h/"), "k", Secret + "\r\nX: y", null, offerDeflate: false));
        Assert.DoesNotContain(Secret, error.ToString(), StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => WebSocketHandshake.WriteRequest(
            new ArrayBufferWriter<byte>(), new Uri("http://h/"), "k", null, null, offerDeflate: false));
    }

    [Theory]
    [MemberData(nameof(ReadOnlySequenceFactory.Standard), MemberType = typeof(ReadOnlySequenceFactory))]
    public void Response_IsParsed_AndTheFrameBytesAfterItStayUnconsumed(string factory)
    {
        string key = "dGhlIHNhbXBsZSBub25jZQ==";
        byte[] bytes = Encoding.ASCII.GetBytes(
            "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n" +
            "Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n" +
            "Sec-WebSocket-Extensions: permessage-deflate; server_no_context_takeover; client_max_window_bits=15\r\n\r\n\x81\x02hi");
        ReadOnlySequence<byte> input = ReadOnlySequenceFactory.ByName(factory).Create(bytes);

        Assert.True(WebSocketHandshake.TryParseResponse(input, 4096, out WebSocketHandshakeResponse? response, out SequencePosition consumed, out _));
        Assert.Equal(101, response!.StatusCode);
        Assert.Equal("Switching Protocols", response.ReasonPhrase);
        Assert.Equal(4, input.Slice(consumed).Length);

        WebSocketDeflateParameters? deflate = WebSocketHandshake.ValidateUpgrade(response, key, offeredDeflate: true);
        Assert.NotNull(deflate);
        Assert.True(deflate.ServerNoContextTakeover);
        Assert.False(deflate.ClientNoContextTakeover);
        Assert.True(deflate.CanCompressOutgoing);
    }

    [Theory]
    [MemberData(nameof(ReadOnlySequenceFactory.Standard), MemberType = typeof(ReadOnlySequenceFactory))]
    public void EveryPrefixOfTheHead_IsIncomplete(string factory)
    {
        byte[] bytes = Encoding.ASCII.GetBytes("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n\r\n");
        for (int length = 0; length < bytes.Length; length++)
        {
            ReadOnlySequence<byte> input = ReadOnlySequenceFactory.ByName(factory).Create(bytes.AsSpan(0, length));
            Assert.False(WebSocketHandshake.TryParseResponse(input, 4096, out _, out SequencePosition consumed, out SequencePosition examined));
            Assert.Equal(input.Start, consumed);
            Assert.Equal(input.End, examined);
        }
    }

    [Fact]
    public void HeadOverTheLimit_IsATypedError()
    {
        byte[] bytes = Encoding.ASCII.GetBytes("HTTP/1.1 101 Switching Protocols\r\nX-Pad: " + new string('a', 5000) + "\r\n\r\n");
        var error = Assert.Throws<WebSocketHandshakeException>(() => WebSocketHandshake.TryParseResponse(new ReadOnlySequence<byte>(bytes), 1024, out _, out _, out _));
        Assert.Equal(WebSocketHandshakeError.ResponseHeadersTooLarge, error.Error);
    }

    [Theory]
    [InlineData("HTTP/1.1 101\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n", WebSocketHandshakeError.InvalidAcceptKey)]
    [InlineData("HTTP/1.1 101 OK\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: AAAA\r\n\r\n", WebSocketHandshakeError.InvalidAcceptKey)]
    [InlineData("HTTP/1.1 101 OK\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n\r\n", WebSocketHandshakeError.MissingUpgradeHeaders)]
    [InlineData("HTTP/1.1 101 OK\r\nUpgrade: websocket\r\nConnection: keep-alive, Upgrade\r\nSec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\nSec-WebSocket-Extensions: x-webkit-deflate-frame\r\n\r\n", WebSocketHandshakeError.InvalidExtension)]
    [InlineData("HTTP/1.1 101 OK\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\nSec-WebSocket-Protocol: chat\r\n\r\n", WebSocketHandshakeError.UnexpectedSubprotocol)]
    public void InvalidUpgrades_AreTyped(string head, WebSocketHandshakeError expected)
    {
        Assert.True(WebSocketHandshake.TryParseResponse(new ReadOnlySequence<byte>(Encoding.ASCII.GetBytes(head)), 4096, out WebSocketHandshakeResponse? response, out _, out _));
        var error = Assert.Throws<WebSocketHandshakeException>(() => WebSocketHandshake.ValidateUpgrade(response!, "dGhlIHNhbXBsZSBub25jZQ==", offeredDeflate: true));
        Assert.Equal(expected, error.Error);
    }

    [Theory]
    [InlineData("HTTP/2 101 Switching\r\n\r\n")]
    [InlineData("HTTP/1.1 1O1 Nope\r\n\r\n")]
    [InlineData("HTTP/1.1 101 OK\r\nNoColonHere\r\n\r\n")]
    public void MalformedResponses_AreTyped(string head)
    {
        var error = Assert.Throws<WebSocketHandshakeException>(() => WebSocketHandshake.TryParseResponse(new ReadOnlySequence<byte>(Encoding.ASCII.GetBytes(head)), 4096, out _, out _, out _));
        Assert.Equal(WebSocketHandshakeError.MalformedResponse, error.Error);
    }

    [Fact]
    public void Refusal_CarriesStatusSelectedHeadersAndBody_AndRedactsTheKey()
    {
        var response = new WebSocketHandshakeResponse(429, "Too Many Requests", new List<KeyValuePair<string, string>>
        {
            new("Content-Type", "application/json"),
            new("Retry-After", "3"),
            new("Set-Cookie", "session=" + Secret),
            new("x-request-id", "req_1"),
        });
        WebSocketHandshakeException error = WebSocketHandshake.CreateRefusal(response, Encoding.UTF8.GetBytes("{\"seen\":\"Bearer " + Secret + "\"}"), Secret);

        Assert.Equal(429, error.StatusCode);
        Assert.Equal(["Content-Type", "Retry-After", "x-request-id"], error.Headers.Select(h => h.Key));
        Assert.Equal("{\"seen\":\"Bearer [redacted]\"}", error.Body);
        Assert.Equal("The server refused the WebSocket upgrade with HTTP 429 Too Many Requests.", error.Message);
        Assert.DoesNotContain(Secret, error.ToString(), StringComparison.Ordinal);
        Assert.Empty(error.Data);
    }
}
