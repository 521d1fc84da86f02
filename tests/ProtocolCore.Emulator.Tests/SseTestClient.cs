using System;
using System.Collections.Generic;
using System.IO;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using ProtocolCore.Requests;

namespace ProtocolCore.Emulator.Tests;

/// <summary>HTTP mode with a plain <see cref="HttpClient"/>: POSTs a request with <c>stream:true</c> and parses the SSE.</summary>
internal static class SseTestClient
{
    public static HttpRequestMessage Post(EmulatorServer server, string body, string apiKey = TestServers.ApiKey)
    {
        var message = new HttpRequestMessage(HttpMethod.Post, server.ResponsesUri)
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        return message;
    }

    /// <summary>Sends the request (forcing <c>stream:true</c>) and returns its events; the byte count is what was uploaded.</summary>
    public static async Task<(List<ReceivedEvent> Events, int BytesSent)> StreamAsync(HttpClient http, EmulatorServer server, ResponseCreateRequest request, CancellationToken cancellationToken)
    {
        request.Stream = true;
        string body = WsTestClient.Encode(request);
        using HttpRequestMessage message = Post(server, body);
        using HttpResponseMessage response = await http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        using Stream stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        return (await ParseAsync(stream, cancellationToken), Encoding.UTF8.GetByteCount(body));
    }

    /// <summary>Parses SSE until the stream ends, adding each event to <paramref name="into"/> as it arrives (when given).</summary>
    public static async Task<List<ReceivedEvent>> ParseAsync(Stream stream, CancellationToken cancellationToken, List<ReceivedEvent>? into = null)
    {
        List<ReceivedEvent> events = into ?? new List<ReceivedEvent>();
        using var reader = new StreamReader(stream, Encoding.UTF8);
        string? eventName = null;
        var data = new StringBuilder();
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            if (line.Length == 0)
            {
                if (data.Length > 0)
                {
                    ReceivedEvent received = ReceivedEvent.Parse(data.ToString());
                    Assert.Equal(eventName, received.Type);
                    events.Add(received);
                }

                (eventName, data) = (null, new StringBuilder());
            }
            else if (line.StartsWith("event: ", StringComparison.Ordinal))
            {
                eventName = line["event: ".Length..];
            }
            else if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                data.Append(line.AsSpan("data: ".Length));
            }
        }

        return events;
    }
}
