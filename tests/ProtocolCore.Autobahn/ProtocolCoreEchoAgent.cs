using System;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using ProtocolCore.WebSockets;

namespace ProtocolCore.Autobahn;

/// <summary>Echoes with <see cref="WebSocketConnection"/>, through its public API only, as a user would.</summary>
internal sealed class ProtocolCoreEchoAgent : EchoAgent
{
    /// <summary>Cases 9.1.6 and 9.2.6 send 16 MiB messages in one frame; nothing in cases 1–13 is larger.</summary>
    private const int LargestCaseMessage = 16 * 1024 * 1024;

    private readonly WebSocketClientOptions _options;

    public ProtocolCoreEchoAgent(string name, bool deflate, WebSocketIoMode ioMode)
    {
        Name = name;
        _options = new WebSocketClientOptions
        {
            MaxMessageLength = LargestCaseMessage,
            MaxFramePayloadLength = LargestCaseMessage,

            // The suite's cases are the only traffic; our own pings would only add frames to its reports.
            KeepAliveInterval = TimeSpan.Zero,
            EnableCompression = deflate,
            CompressOutgoingMessages = deflate,

            // A local fuzzing server: an environment proxy must not capture loopback.
            UseEnvironmentProxy = false,
            IoMode = ioMode,
        };
    }

    public override string Name { get; }

    public override async Task<EchoSessionResult> EchoAsync(Uri uri, CancellationToken cancellationToken)
    {
        WebSocketConnection connection;
        try
        {
            connection = await WebSocketConnection.ConnectAsync(uri, _options, cancellationToken);
        }
        catch (ProtocolCoreException e)
        {
            return new EchoSessionResult(EchoSessionEnding.ClientFailed, 0, Describe(e));
        }

        EchoSessionResult result;
        Exception? disposeFailure = null;
        try
        {
            result = await EchoUntilCloseAsync(connection, cancellationToken);
        }
        finally
        {
            try
            {
                await connection.DisposeAsync();
            }
            catch (Exception e)
            {
                disposeFailure = e;
            }
        }

        return disposeFailure is null ? result : AfterwardsThrew(result, "DisposeAsync", disposeFailure);
    }

    private static async Task<EchoSessionResult> EchoUntilCloseAsync(WebSocketConnection connection, CancellationToken cancellationToken)
    {
        int echoed = 0;
        EchoSessionResult result;
        try
        {
            while (true)
            {
                WebSocketReceivedMessage message = await connection.ReceiveAsync(cancellationToken);
                if (message.IsClose)
                {
                    result = new EchoSessionResult(EchoSessionEnding.ServerClosed, echoed, $"close {(int)message.CloseStatus}");
                    break;
                }

                try
                {
                    if (message.IsText)
                    {
                        await connection.SendTextAsync(message.Payload, cancellationToken);
                    }
                    else
                    {
                        await connection.SendBinaryAsync(message.Payload, cancellationToken);
                    }

                    echoed++;
                }
                catch (InvalidOperationException)
                {
                    // The connection closed or failed after this message arrived; the next receive says how.
                }
            }
        }
        catch (ProtocolCoreException e)
        {
            result = new EchoSessionResult(EchoSessionEnding.ClientFailed, echoed, Describe(e));
        }

        // Let the server close TCP first, as RFC 6455 §7.1.1 wants of a client, before the connection is disposed.
        try
        {
            await connection.Completion.WaitAsync(cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return AfterwardsThrew(result, nameof(WebSocketConnection.Completion), e);
        }

        return result;
    }

    /// <summary>The session ended as <paramref name="result"/> says, but then the client threw an untyped exception.</summary>
    private static EchoSessionResult AfterwardsThrew(EchoSessionResult result, string member, Exception e) =>
        new(EchoSessionEnding.UntypedException, result.MessagesEchoed, $"{result.Ending} ({result.Detail}), then {member} threw {e}");

    public override async Task<string> ReceiveFirstTextAsync(Uri uri, CancellationToken cancellationToken)
    {
        await using WebSocketConnection connection = await WebSocketConnection.ConnectAsync(uri, _options, cancellationToken);
        WebSocketReceivedMessage message = await connection.ReceiveAsync(cancellationToken);
        if (!message.IsText)
        {
            throw new InvalidOperationException($"{uri.AbsolutePath} answered with {message.Opcode}, not a text message.");
        }

        string text = Encoding.UTF8.GetString(message.Payload.Span);
        while (!(await connection.ReceiveAsync(cancellationToken)).IsClose)
        {
        }

        await connection.Completion.WaitAsync(cancellationToken);
        return text;
    }

    private static string Describe(ProtocolCoreException e) => $"{e.GetType().Name}: {e.Message}";
}
