using System;
using System.Collections;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using System.Threading.Tasks;
using ProtocolCore.WebSockets;

namespace ProtocolCore.Interop.Tests;

/// <summary>Our client against ASP.NET Core's WebSocket middleware on Kestrel (ManagedWebSocket on the server side).</summary>
public class KestrelInteropTests : IClassFixture<KestrelServerFixture>
{
    private const string SecretKey = "sk-test-NEVER-PRINT-THIS-0123456789";

    private readonly KestrelServer _server;

    public KestrelInteropTests(KestrelServerFixture fixture)
    {
        _server = fixture.Server;
    }

    [Theory]
    [MemberData(nameof(Client.SizesAndCompression), MemberType = typeof(Client))]
    public Task EchoesTextAndBinary_FromEmptyTo16MiB(int size, bool compression) =>
        Client.AssertEchoRoundTripAsync(_server.Ws(compression ? "/echo?deflate=1" : "/echo"), size, compression);

    [Fact]
    public async Task CompressionOffered_ButNotEnabledByTheServer_IsPlainFrames()
    {
        await using WebSocketConnection connection = await Client.ConnectAsync(_server.Ws("/echo"), Client.Options(compression: true));
        Assert.Null(connection.Deflate);
        await Client.AssertEchoAsync(connection, Client.Text(4096), text: true);
    }

    [Fact]
    public async Task ContextTakeover_ManyCompressedMessagesInARow()
    {
        await using WebSocketConnection connection = await Client.ConnectAsync(
            _server.Ws("/echo?deflate=1"),
            Client.Options(compression: true, o => o.CompressOutgoingMessages = true));
        Assert.NotNull(connection.Deflate);
        for (int i = 0; i < 200; i++)
        {
            // The same text again and again: the server's window refers back across messages.
            await Client.AssertEchoAsync(connection, Client.Text(300 + i), text: true);
        }
    }

    [Theory]
    [InlineData(1000, "")]
    [InlineData(1001, "going away")]
    [InlineData(4001, "application says bye")]
    public async Task ServerInitiatedClose_ReportsCodeAndReason(int code, string reason)
    {
        await using WebSocketConnection connection = await Client.ConnectAsync(
            _server.Ws($"/close?code={code}&reason={Uri.EscapeDataString(reason)}"), Client.Options());

        WebSocketReceivedMessage close = await Client.ReceiveAsync(connection);
        Assert.True(close.IsClose);
        Assert.Equal((WebSocketCloseCode)code, close.CloseStatus);
        Assert.Equal(reason, close.CloseReason);
        await connection.Completion.WaitAsync(Client.Deadline);
        Assert.Equal((WebSocketCloseCode)code, connection.CloseStatus);

        // After the close, every receive reports it again and sends are refused.
        Assert.True((await Client.ReceiveAsync(connection)).IsClose);
        WebSocketConnectionException refused = await Assert.ThrowsAsync<WebSocketConnectionException>(() => connection.SendTextAsync("x"u8.ToArray()).AsTask());
        Assert.Equal(WebSocketConnectionError.Closed, refused.Error);
    }

    [Fact]
    public async Task ClientInitiatedClose_ServerSeesCodeAndReason()
    {
        _server.ResetRecordedClose();
        await using WebSocketConnection connection = await Client.ConnectAsync(_server.Ws("/record-close"), Client.Options());
        await connection.CloseAsync(WebSocketCloseCode.GoingAway, "client done").WaitAsync(Client.Deadline);

        var (status, description) = await _server.RecordedClose.Task.WaitAsync(Client.Deadline);
        Assert.Equal(System.Net.WebSockets.WebSocketCloseStatus.EndpointUnavailable, status);
        Assert.Equal("client done", description);
        Assert.Equal(WebSocketCloseCode.GoingAway, connection.CloseStatus);
    }

    [Fact]
    public async Task Refusal401_IsTypedWithStatusAndBody_AndNeverCarriesTheKey()
    {
        var options = Client.Options(configure: o => o.ApiKey = SecretKey);
        var error = await Assert.ThrowsAsync<WebSocketHandshakeException>(() => Client.ConnectAsync(_server.Ws("/reject401"), options));

        Assert.Equal(WebSocketHandshakeError.UnexpectedStatus, error.Error);
        Assert.Equal(401, error.StatusCode);
        Assert.Contains("Incorrect API key provided", error.Body, StringComparison.Ordinal);
        Assert.Contains(error.Headers, h => h.Key.Equals("Content-Type", StringComparison.OrdinalIgnoreCase));

        // The server echoed "Bearer <key>" in its body: it must be redacted everywhere.
        Assert.Contains("[redacted]", error.Body, StringComparison.Ordinal);
        AssertNoSecret(error);
    }

    [Fact]
    public async Task Refusal426_IsTypedWithStatusAndBody()
    {
        var error = await Assert.ThrowsAsync<WebSocketHandshakeException>(
            () => Client.ConnectAsync(_server.Ws("/reject426"), Client.Options(configure: o => o.ApiKey = SecretKey)));
        Assert.Equal(426, error.StatusCode);
        Assert.Contains("Upgrade required", error.Body, StringComparison.Ordinal);
        AssertNoSecret(error);
    }

    [Fact]
    public async Task Wss_SelfSignedCertificate_TrustedThroughTheCallback()
    {
        X509Certificate2 expected = TestCertificates.Localhost;
        var options = Client.Options(compression: true, o => o.RemoteCertificateValidationCallback =
            (_, certificate, _, errors) => certificate is not null && certificate.GetCertHashString() == expected.GetCertHashString()
                && (errors & ~SslPolicyErrors.RemoteCertificateChainErrors) == SslPolicyErrors.None);

        await using WebSocketConnection connection = await Client.ConnectAsync(_server.Wss("/echo?deflate=1"), options);
        await Client.AssertEchoAsync(connection, Client.Text(100_000), text: true);
        await Client.AssertEchoAsync(connection, Client.Binary(70_000, seed: 7), text: false);
        await connection.CloseAsync();
    }

    [Fact]
    public async Task Wss_SelfSignedCertificate_IsRejectedByDefault()
    {
        var error = await Assert.ThrowsAsync<WebSocketConnectionException>(() => Client.ConnectAsync(_server.Wss("/echo"), Client.Options()));
        Assert.Equal(WebSocketConnectionError.TlsFailed, error.Error);
        Assert.Equal(WebSocketCloseCode.TlsHandshakeFailure, error.CloseStatus);
    }

    [Fact]
    public async Task ConcurrentSenders_NeverInterleaveFrames()
    {
        await using WebSocketConnection connection = await Client.ConnectAsync(_server.Ws("/echo"), Client.Options());
        const int Senders = 8, PerSender = 25;
        var sends = new Task[Senders];
        for (int s = 0; s < Senders; s++)
        {
            int sender = s;
            sends[s] = Task.Run(async () =>
            {
                for (int i = 0; i < PerSender; i++)
                {
                    await connection.SendTextAsync(Client.Text(1000 + (sender * 100) + i));
                }
            });
        }

        await Task.WhenAll(sends).WaitAsync(Client.Deadline);
        for (int i = 0; i < Senders * PerSender; i++)
        {
            WebSocketReceivedMessage echo = await Client.ReceiveAsync(connection);
            Assert.True(echo.IsText);
            Assert.True(echo.Payload.Span.SequenceEqual(Client.Text(echo.Payload.Length)));
        }
    }

    private static void AssertNoSecret(Exception error)
    {
        Assert.DoesNotContain(SecretKey, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(SecretKey, error.ToString(), StringComparison.Ordinal);
        foreach (DictionaryEntry entry in error.Data)
        {
            Assert.DoesNotContain(SecretKey, $"{entry.Key}={entry.Value}", StringComparison.Ordinal);
        }

        if (error is WebSocketHandshakeException handshake)
        {
            Assert.DoesNotContain(SecretKey, handshake.Body, StringComparison.Ordinal);
            Assert.DoesNotContain(SecretKey, handshake.ReasonPhrase, StringComparison.Ordinal);
            foreach (var header in handshake.Headers)
            {
                Assert.DoesNotContain(SecretKey, header.Value, StringComparison.Ordinal);
            }
        }
    }
}
