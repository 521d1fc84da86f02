using System;
using System.Globalization;
using System.IO;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Threading;
using System.Threading.Tasks;
using ProtocolCore.Sockets;

namespace ProtocolCore.WebSockets;

/// <summary>
/// Opens the byte stream under a connection: a TCP socket with Nagle off (small frames go out at once), the runtime's or
/// one on ProtocolCore's event loop (<see cref="WebSocketIoMode"/>), through an HTTP CONNECT proxy when one applies,
/// wrapped in <see cref="SslStream"/> for wss://.
/// </summary>
internal static class WebSocketTransport
{
    public static async Task<Stream> OpenAsync(Uri uri, WebSocketClientOptions options, CancellationToken cancellationToken)
    {
        string host = uri.IdnHost.Trim('[', ']');
        int port = uri.Port;
        Uri? proxy = WebSocketProxy.Resolve(uri, options, Environment.GetEnvironmentVariable);
        string connectHost = proxy is null ? host : proxy.IdnHost.Trim('[', ']');
        int connectPort = proxy is null ? port : proxy.Port;

        Socket? socket = null;
        Stream? stream = null;
        try
        {
            using (var connectTimeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                connectTimeout.CancelAfter(options.ConnectTimeout);
                try
                {
                    if (options.IoMode == WebSocketIoMode.EventLoop && SocketEventLoop.IsSupported)
                    {
                        stream = await EventLoopSocketStream.ConnectAsync(connectHost, connectPort, connectTimeout.Token).ConfigureAwait(false);
                    }
                    else
                    {
                        socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                        await socket.ConnectAsync(connectHost, connectPort, connectTimeout.Token).ConfigureAwait(false);
                        stream = new NetworkStream(socket, ownsSocket: true);
                    }

                    if (proxy is not null)
                    {
                        string authority = WebSocketHandshake.FormatHost(uri);
                        if (uri.IsDefaultPort)
                        {
                            authority += ":" + port.ToString(CultureInfo.InvariantCulture);
                        }

                        await WebSocketProxy.ConnectTunnelAsync(stream, proxy, authority, options.MaxResponseHeaderBytes, connectTimeout.Token).ConfigureAwait(false);
                    }
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    throw new WebSocketConnectionException(
                        WebSocketConnectionError.ConnectFailed,
                        $"Connecting to {connectHost}:{connectPort.ToString(CultureInfo.InvariantCulture)} timed out.");
                }
                catch (SocketException e)
                {
                    throw new WebSocketConnectionException(
                        WebSocketConnectionError.ConnectFailed,
                        $"Connecting to {connectHost}:{connectPort.ToString(CultureInfo.InvariantCulture)} failed: {e.SocketErrorCode}.",
                        e);
                }
                catch (IOException e)
                {
                    throw new WebSocketConnectionException(WebSocketConnectionError.ConnectFailed, "The proxy connection failed.", e);
                }
            }

            if (uri.Scheme == "wss")
            {
                stream = await AuthenticateAsync(stream!, host, options, cancellationToken).ConfigureAwait(false);
            }

            return stream!;
        }
        catch
        {
            if (stream is null)
            {
                socket?.Dispose();
            }
            else
            {
                await stream.DisposeAsync().ConfigureAwait(false);
            }

            throw;
        }
    }

    private static async Task<Stream> AuthenticateAsync(Stream inner, string host, WebSocketClientOptions options, CancellationToken cancellationToken)
    {
        var ssl = new SslStream(inner, leaveInnerStreamOpen: false);
        var authentication = new SslClientAuthenticationOptions
        {
            TargetHost = host,

            // Null keeps the default: the system trust store and a host name check.
            RemoteCertificateValidationCallback = options.RemoteCertificateValidationCallback,
        };

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.HandshakeTimeout);
        try
        {
            await ssl.AuthenticateAsClientAsync(authentication, timeout.Token).ConfigureAwait(false);
            return ssl;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            await ssl.DisposeAsync().ConfigureAwait(false);
            throw new WebSocketConnectionException(WebSocketConnectionError.HandshakeTimeout, $"The TLS handshake with {host} timed out.");
        }
        catch (Exception e) when (e is AuthenticationException or IOException)
        {
            await ssl.DisposeAsync().ConfigureAwait(false);
            throw new WebSocketConnectionException(WebSocketConnectionError.TlsFailed, $"The TLS handshake with {host} failed: {e.Message}", e);
        }
    }
}
