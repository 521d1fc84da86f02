using System;
using System.Globalization;
using ProtocolCore.WebSockets;

namespace ProtocolCore.Autobahn;

/// <summary>The echo client's command line: which server, which client under which agent name, and the hang guard.</summary>
internal sealed class AutobahnClientSettings
{
    public const string Usage =
        "usage: ProtocolCore.Autobahn --server ws://127.0.0.1:PORT [--client protocolcore|protocolcore-eventloop|clientwebsocket] [--agent NAME]\n" +
        "                             [--deflate] [--case-timeout SECONDS]\n" +
        "Runs every case the fuzzing server offers, echoing, then asks it to write the reports.\n" +
        "  --client        the client under test (default protocolcore; protocolcore-eventloop is ours on\n" +
        "                  WebSocketIoMode.EventLoop; clientwebsocket is .NET's, the anchor)\n" +
        "  --agent         the name in the reports (default: the client's name)\n" +
        "  --deflate       offer permessage-deflate and compress what is sent (cases 12.x/13.x)\n" +
        "  --case-timeout  abort a case that has not closed after this many seconds (default 300)";

    public required Uri Server { get; init; }

    public required bool UseClientWebSocket { get; init; }

    public required string Agent { get; init; }

    public required bool Deflate { get; init; }

    /// <summary>How our client's socket waits (<c>--client protocolcore-eventloop</c> for the event loop).</summary>
    public required WebSocketIoMode IoMode { get; init; }

    public required TimeSpan CaseTimeout { get; init; }

    /// <summary>Parses the arguments; null with <paramref name="error"/> set when they are wrong.</summary>
    public static AutobahnClientSettings? Parse(string[] args, out string? error)
    {
        Uri? server = null;
        string client = "protocolcore";
        string? agent = null;
        bool deflate = false;
        double caseTimeoutSeconds = 300;
        error = null;
        for (int i = 0; i < args.Length; i++)
        {
            string name = args[i];
            if (name == "--deflate")
            {
                deflate = true;
                continue;
            }

            if (i + 1 >= args.Length)
            {
                error = $"{name} needs a value";
                return null;
            }

            string value = args[++i];
            switch (name)
            {
                case "--server":
                    if (!Uri.TryCreate(value, UriKind.Absolute, out server) || server.Scheme != "ws")
                    {
                        error = $"--server must be a ws:// URL, not '{value}'";
                        return null;
                    }

                    break;
                case "--client":
                    client = value;
                    break;
                case "--agent":
                    agent = value;
                    break;
                case "--case-timeout":
                    if (!double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out caseTimeoutSeconds) || caseTimeoutSeconds <= 0)
                    {
                        error = $"--case-timeout must be a positive number of seconds, not '{value}'";
                        return null;
                    }

                    break;
                default:
                    error = $"unknown option {name}";
                    return null;
            }
        }

        if (server is null)
        {
            error = "--server is required";
            return null;
        }

        if (client is not ("protocolcore" or "protocolcore-eventloop" or "clientwebsocket"))
        {
            error = $"--client must be protocolcore, protocolcore-eventloop or clientwebsocket, not '{client}'";
            return null;
        }

        if (string.IsNullOrWhiteSpace(agent))
        {
            agent = client switch
            {
                "protocolcore" => "ProtocolCore",
                "protocolcore-eventloop" => "ProtocolCore-EventLoop",
                _ => "ClientWebSocket",
            };
        }

        return new AutobahnClientSettings
        {
            Server = server,
            UseClientWebSocket = client == "clientwebsocket",
            IoMode = client == "protocolcore-eventloop" ? WebSocketIoMode.EventLoop : WebSocketIoMode.ThreadPool,
            Agent = agent,
            Deflate = deflate,
            CaseTimeout = TimeSpan.FromSeconds(caseTimeoutSeconds),
        };
    }
}
