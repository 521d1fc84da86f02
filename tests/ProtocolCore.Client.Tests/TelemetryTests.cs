using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using OpenTelemetry.Metrics;
using ProtocolCore.Emulator;
using ProtocolCore.Models;
using ProtocolCore.Tests.Secrets;

namespace ProtocolCore.Client.Tests;

/// <summary>
/// The OpenTelemetry GenAI conventions as an OpenTelemetry SDK exports them (in-memory exporters): each turn's
/// <c>chat {model}</c> span, failed turns, reconnects, the <c>gen_ai.client.*</c> and <c>protocolcore.client.*</c>
/// metrics, the tool loop's <c>execute_tool</c> spans, and no credential anywhere.
/// </summary>
public sealed class TelemetryTests
{
    /// <summary>The convention's bucket advice for durations in seconds.</summary>
    private static readonly double[] s_secondsBuckets = [0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56, 5.12, 10.24, 20.48, 40.96, 81.92];

    /// <summary>The convention's bucket advice for token counts.</summary>
    private static readonly double[] s_tokenBuckets = [1, 4, 16, 64, 256, 1024, 4096, 16384, 65536, 262144, 1048576, 4194304, 16777216, 67108864];

    [Fact]
    public async Task CompletedTurnsAreClientSpansWithTheConventionsAttributesAndMetrics()
    {
        using var capture = new TelemetryCapture();
        await using EmulatorServer server = await ClientTestHost.StartAsync();
        await using var session = new ResponsesSession(ClientTestHost.Options(server), ClientTestHost.Template());
        session.Template.Tools = ScriptedTools.CreateDefinitions();
        CancellationToken ct = ClientTestHost.Timeout();

        ResponsesTurnResult first = await session.CompleteTurnAsync(ClientTestHost.FirstInput(), ct);
        ResponsesTurnResult second = await session.CompleteTurnAsync(ClientTestHost.Outputs(first.FunctionCalls), ct);

        List<Activity> spans = capture.Spans();
        Assert.Equal(2, spans.Count);
        AssertCompletedTurn(spans[0], first, server, capture.Root, fullContext: true);
        AssertCompletedTurn(spans[1], second, server, capture.Root, fullContext: false);
        Assert.Null(spans[0].GetTagItem("protocolcore.previous_response_id"));
        Assert.Equal(first.ResponseId, spans[1].GetTagItem("protocolcore.previous_response_id"));
        Assert.StartsWith("req_emu_", (string?)spans[0].GetTagItem("protocolcore.server.request_id"), StringComparison.Ordinal);
        Assert.Equal(first.ServerHeaders!.RemainingTokens, spans[0].GetTagItem("protocolcore.ratelimit.remaining_tokens"));
        Assert.Equal(first.ServerHeaders.RemainingRequests, spans[0].GetTagItem("protocolcore.ratelimit.remaining_requests"));

        Dictionary<string, MetricSnapshot> metrics = capture.Metrics();
        int port = server.BaseAddress.Port;

        MetricSnapshot duration = metrics["gen_ai.client.operation.duration"];
        Assert.Equal("s", duration.Unit);
        Assert.Equal(MetricType.Histogram, duration.MetricType);
        List<MetricPoint> durations = PointsOf(duration, port);
        Assert.Equal(2, durations.Sum(p => p.GetHistogramCount()));
        foreach (MetricPoint point in durations)
        {
            Dictionary<string, object?> tags = TagsOf(point);
            Assert.Equal("chat", tags["gen_ai.operation.name"]);
            Assert.Equal("openai", tags["gen_ai.provider.name"]);
            Assert.Equal(session.Template.Model, tags["gen_ai.request.model"]);
            Assert.Equal(first.Response!.Model, tags["gen_ai.response.model"]);
            Assert.Equal(server.BaseAddress.Host, tags["server.address"]);
            Assert.False(tags.ContainsKey("error.type"));
            Assert.Equal(s_secondsBuckets, ExplicitBounds(point));
        }

        MetricSnapshot tokens = metrics["gen_ai.client.token.usage"];
        Assert.Equal("{token}", tokens.Unit);
        List<MetricPoint> tokenPoints = PointsOf(tokens, port);
        Assert.Equal(first.Response!.Usage!.InputTokens + second.Response!.Usage!.InputTokens, (int)TokenSum(tokenPoints, "input"));
        Assert.Equal(first.Response.Usage.OutputTokens + second.Response.Usage.OutputTokens, (int)TokenSum(tokenPoints, "output"));
        Assert.All(tokenPoints, p => Assert.Equal(s_tokenBuckets, ExplicitBounds(p)));

        MetricSnapshot firstChunk = metrics["gen_ai.client.operation.time_to_first_chunk"];
        Assert.Equal("s", firstChunk.Unit);
        Assert.Equal(2, PointsOf(firstChunk, port).Sum(p => p.GetHistogramCount()));

        // Ours, beside the convention's: shared by every test, so only their units and a lower bound are this test's.
        Assert.Equal("s", metrics["protocolcore.client.time_to_first_event"].Unit);
        Assert.True(metrics["protocolcore.client.time_to_first_event"].MetricPoints.Sum(p => p.GetHistogramCount()) >= 2);
        Assert.Equal("By", metrics["protocolcore.client.bytes_sent"].Unit);
        Assert.True(metrics["protocolcore.client.bytes_sent"].MetricPoints.Sum(p => p.GetSumLong()) >= session.BytesSent);
    }

    [Fact]
    public async Task FailedTurnsSetErrorTypeAndStatusErrorAndAReconnectIsCounted()
    {
        using var capture = new TelemetryCapture();
        await using EmulatorServer server = await ClientTestHost.StartAsync();
        await using var session = new ResponsesSession(ClientTestHost.Options(server), ClientTestHost.Template());
        session.Template.Tools = ScriptedTools.CreateDefinitions();
        CancellationToken ct = ClientTestHost.Timeout();

        ResponsesTurnResult first = await session.CompleteTurnAsync(ClientTestHost.FirstInput(), ct);
        List<InputItem> outputs = ClientTestHost.Outputs(first.FunctionCalls);

        // The connection drops mid-response: the turn throws and is not replayed.
        ClientTestHost.Fault(session, "abrupt_close");
        await Assert.ThrowsAsync<ResponseInterruptedException>(() => session.CompleteTurnAsync(outputs, ct));

        // The next turn reconnects and sends the full context.
        ClientTestHost.Fault(session, null);
        ResponsesTurnResult reconnected = await session.CompleteTurnAsync(outputs, ct);
        outputs = ClientTestHost.Outputs(reconnected.FunctionCalls);

        // An error event: yielded, then thrown.
        ClientTestHost.Fault(session, "flat_error");
        ResponsesApiException error = await Assert.ThrowsAsync<ResponsesApiException>(() => session.CompleteTurnAsync(outputs, ct));

        // response.failed: returned, not thrown, but the operation failed all the same.
        ClientTestHost.Fault(session, "response_failed");
        ResponsesTurnResult failed = await session.CompleteTurnAsync(outputs, ct);
        Assert.Equal("response.failed", failed.TerminalEvent);

        List<Activity> spans = capture.Spans();
        Assert.Equal(5, spans.Count);
        Assert.All(spans, s => Assert.Equal(ActivityKind.Client, s.Kind));
        Assert.Equal(ActivityStatusCode.Unset, spans[0].Status);
        Assert.Equal(0, spans[0].GetTagItem("protocolcore.reconnects"));

        Activity interrupted = spans[1];
        Assert.Equal(ActivityStatusCode.Error, interrupted.Status);
        Assert.Equal(typeof(ResponseInterruptedException).FullName, interrupted.GetTagItem("error.type"));
        Assert.Null(interrupted.GetTagItem("gen_ai.response.id"));

        Activity again = spans[2];
        Assert.Equal(ActivityStatusCode.Unset, again.Status);
        Assert.Null(again.GetTagItem("error.type"));
        Assert.Equal(session.Reconnects, again.GetTagItem("protocolcore.reconnects"));
        Assert.Equal(1, session.Reconnects);
        Assert.Equal(true, again.GetTagItem("protocolcore.full_context"));

        Activity errored = spans[3];
        Assert.Equal(ActivityStatusCode.Error, errored.Status);
        Assert.Equal(error.Code, errored.GetTagItem("error.type"));
        Assert.Equal("server_error", error.Code);
        Assert.Equal(new[] { "error" }, (string[])errored.GetTagItem("gen_ai.response.finish_reasons")!);

        Activity failedSpan = spans[4];
        Assert.Equal(ActivityStatusCode.Error, failedSpan.Status);
        Assert.Equal(failed.Response!.Error!.Code, failedSpan.GetTagItem("error.type"));
        Assert.Equal(failed.ResponseId, failedSpan.GetTagItem("gen_ai.response.id"));
        Assert.Equal(new[] { "error" }, (string[])failedSpan.GetTagItem("gen_ai.response.finish_reasons")!);

        Dictionary<string, MetricSnapshot> metrics = capture.Metrics();
        List<MetricPoint> durations = PointsOf(metrics["gen_ai.client.operation.duration"], server.BaseAddress.Port);
        Assert.Equal(2, CountWithErrorType(durations, null));
        Assert.Equal(1, CountWithErrorType(durations, typeof(ResponseInterruptedException).FullName));
        Assert.Equal(2, CountWithErrorType(durations, "server_error"));
        Assert.True(metrics["protocolcore.client.reconnects"].MetricPoints.Sum(p => p.GetSumLong()) >= 1);
    }

    [Fact]
    public async Task ARetryAfterPreviousResponseNotFoundIsOnTheTurnsSpan()
    {
        using var capture = new TelemetryCapture();
        await using EmulatorServer server = await ClientTestHost.StartAsync();
        await using var session = new ResponsesSession(ClientTestHost.Options(server), ClientTestHost.Template());
        session.Template.Tools = ScriptedTools.CreateDefinitions();
        CancellationToken ct = ClientTestHost.Timeout();
        ResponsesTurnResult first = await session.CompleteTurnAsync(ClientTestHost.FirstInput(), ct);
        List<InputItem> outputs = ClientTestHost.Outputs(first.FunctionCalls);

        // A stranger's request replaces the session's response in the connection cache, so chaining from it is answered
        // previous_response_not_found and the session sends the turn again with the full context (as FailureTests shows).
        await ClientTestHost.EvictFromConnectionCacheAsync(session, ct);
        ResponsesTurnResult retried = await session.CompleteTurnAsync(outputs, ct);
        Assert.Equal(1, retried.Retries);

        List<Activity> spans = capture.Spans();
        Assert.Equal(2, spans.Count);
        Assert.Equal(0, spans[0].GetTagItem("protocolcore.retries"));
        Assert.Equal(true, spans[0].GetTagItem("protocolcore.full_context"));
        Activity retry = spans[1];
        Assert.Equal(ActivityStatusCode.Unset, retry.Status);
        Assert.Equal(1, retry.GetTagItem("protocolcore.retries"));
        Assert.Equal(true, retry.GetTagItem("protocolcore.full_context"));
        Assert.Equal(retried.ResponseId, retry.GetTagItem("gen_ai.response.id"));
    }

    [Fact]
    public async Task HttpModeTurnsAreSpansToo_AndAnIncompleteResponseFinishesWithLength()
    {
        using var capture = new TelemetryCapture();
        await using EmulatorServer server = await ClientTestHost.StartAsync();
        await using var session = new ResponsesSession(ClientTestHost.Options(server), ClientTestHost.Template(), ResponsesTransportMode.Http);
        session.Template.Tools = ScriptedTools.CreateDefinitions();
        CancellationToken ct = ClientTestHost.Timeout();

        ClientTestHost.Fault(session, "response_incomplete");
        ResponsesTurnResult incomplete = await session.CompleteTurnAsync(ClientTestHost.FirstInput(), ct);
        Assert.Equal("response.incomplete", incomplete.TerminalEvent);

        Activity span = Assert.Single(capture.Spans());
        Assert.Equal(ActivityKind.Client, span.Kind);
        Assert.Equal(ActivityStatusCode.Unset, span.Status);
        Assert.Equal("http", span.GetTagItem("protocolcore.mode"));
        Assert.Equal(true, span.GetTagItem("gen_ai.request.stream"));
        Assert.Equal(incomplete.ResponseId, span.GetTagItem("gen_ai.response.id"));
        Assert.Equal(incomplete.Response!.Usage!.OutputTokens, span.GetTagItem("gen_ai.usage.output_tokens"));
        Assert.Equal(server.BaseAddress.Port, span.GetTagItem("server.port"));
        Assert.Equal(new[] { "length" }, (string[])span.GetTagItem("gen_ai.response.finish_reasons")!);
        Assert.Null(span.GetTagItem("error.type"));
    }

    [Fact]
    public async Task NoCredentialAppearsInAnySpanOrMetric()
    {
        const string AcceptedCanary = "sk-telemetry-canary-accepted-7f3e9b21";
        const string RejectedCanary = "sk-telemetry-canary-rejected-5c8d0a64";
        using var capture = new TelemetryCapture();
        await using EmulatorServer server = await ClientTestHost.StartAsync(o => o.AcceptedApiKeys = [AcceptedCanary]);
        CancellationToken ct = ClientTestHost.Timeout();

        ResponsesClientOptions accepted = ClientTestHost.Options(server);
        accepted.ApiKey = AcceptedCanary;
        await using (var session = new ResponsesSession(accepted, ClientTestHost.Template()))
        {
            session.Template.Tools = ScriptedTools.CreateDefinitions();
            ResponsesTurnResult first = await session.CompleteTurnAsync(ClientTestHost.FirstInput(), ct);
            ClientTestHost.Fault(session, "flat_error");
            await Assert.ThrowsAsync<ResponsesApiException>(() => session.CompleteTurnAsync(ClientTestHost.Outputs(first.FunctionCalls), ct));
        }

        ResponsesClientOptions rejected = ClientTestHost.Options(server);
        rejected.ApiKey = RejectedCanary;
        await using (var session = new ResponsesSession(rejected, ClientTestHost.Template()))
        {
            await Assert.ThrowsAnyAsync<Exception>(() => session.CompleteTurnAsync(ClientTestHost.FirstInput(), ct));
        }

        List<Activity> spans = capture.Spans();
        Assert.Equal(3, spans.Count);
        Assert.Equal(ActivityStatusCode.Error, spans[2].Status);
        Assert.NotNull(spans[2].GetTagItem("error.type"));
        var texts = new List<string>();
        foreach (Activity span in spans)
        {
            texts.Add(span.DisplayName);
            texts.Add(span.StatusDescription ?? "");
            texts.AddRange(span.TagObjects.Select(t => t.Key + "=" + Text(t.Value)));
        }

        foreach (MetricSnapshot metric in capture.Metrics().Values)
        {
            texts.AddRange(metric.MetricPoints.SelectMany(p => TagsOf(p)).Select(t => t.Key + "=" + Text(t.Value)));
        }

        Assert.Contains(texts, t => t.StartsWith("gen_ai.request.model=", StringComparison.Ordinal));
        Assert.DoesNotContain(texts, t => t.Contains(AcceptedCanary, StringComparison.Ordinal) || t.Contains(RejectedCanary, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(KeyEcho.ErrorEvent)]
    [InlineData(KeyEcho.RefusedUpgrade)]
    [InlineData(KeyEcho.UpgradeRequired)]
    [InlineData(KeyEcho.CloseReason)]
    public async Task AKeyTheServerEchoesDoesNotReachTheSpan(KeyEcho echo)
    {
        const string Canary = "sk-telemetry-canary-echoed-2b7e4f90c1d3";
        using var capture = new TelemetryCapture();
        await using KeyEchoingServer server = await KeyEchoingServer.StartAsync(echo);
        var options = new ResponsesClientOptions { BaseUrl = server.BaseAddress, ApiKey = Canary };
        await using (var session = new ResponsesSession(options, ClientTestHost.Template()))
        {
            await Assert.ThrowsAnyAsync<ProtocolCoreException>(() => session.CompleteTurnAsync(ClientTestHost.FirstInput(), ClientTestHost.Timeout()));
        }

        Activity span = Assert.Single(capture.Spans());
        Assert.Equal(ActivityStatusCode.Error, span.Status);
        Assert.NotNull(span.GetTagItem("error.type"));
        if (echo == KeyEcho.ErrorEvent)
        {
            // The server's text reached the status description, and the key in it was redacted.
            Assert.Equal("invalid_api_key", span.GetTagItem("error.type"));
            Assert.Contains(SecretRedactor.Replacement, span.StatusDescription, StringComparison.Ordinal);
        }

        Assert.DoesNotContain(Canary, span.StatusDescription ?? "", StringComparison.Ordinal);
        Assert.DoesNotContain(span.TagObjects, t => Text(t.Value).Contains(Canary, StringComparison.Ordinal));
    }

    [Fact]
    public async Task ToolLoopCallsAreExecuteToolSpans()
    {
        using var capture = new TelemetryCapture();
        await using EmulatorServer server = await ClientTestHost.StartAsync();
        await using var session = new ResponsesSession(ClientTestHost.Options(server), ClientTestHost.Template());

        ToolLoopResult result = await ClientTestHost.ScriptedLoop(session).RunAsync(ClientTestHost.FirstInput(), ClientTestHost.Timeout());

        List<Activity> spans = capture.Spans();
        List<Activity> tools = spans.Where(s => s.GetTagItem("gen_ai.operation.name") as string == "execute_tool").ToList();
        Assert.Equal(result.Turns.Count, spans.Count(s => s.GetTagItem("gen_ai.operation.name") as string == "chat"));
        Assert.Equal(result.ToolCalls, tools.Count);
        Dictionary<string, FunctionCall> calls = result.Turns.SelectMany(t => t.FunctionCalls).ToDictionary(c => c.CallId!);
        foreach (Activity tool in tools)
        {
            FunctionCall call = calls[(string)tool.GetTagItem("gen_ai.tool.call.id")!];
            Assert.Equal(ActivityKind.Internal, tool.Kind);
            Assert.Equal("execute_tool " + call.Name, tool.DisplayName);
            Assert.Equal(call.Name, tool.GetTagItem("gen_ai.tool.name"));
            Assert.Equal("function", tool.GetTagItem("gen_ai.tool.type"));
            Assert.Equal(capture.Root.SpanId, tool.ParentSpanId);
            Assert.Equal(ActivityStatusCode.Unset, tool.Status);
        }
    }

    [Fact]
    public async Task AToolThatThrowsEndsItsSpanWithTheExceptionType()
    {
        using var capture = new TelemetryCapture();
        await using EmulatorServer server = await ClientTestHost.StartAsync();
        await using var session = new ResponsesSession(ClientTestHost.Options(server), ClientTestHost.Template());
        var loop = new ToolLoop(session);
        foreach (Tool definition in ScriptedTools.CreateDefinitions())
        {
            var function = (FunctionTool)definition;
            loop.Register(function.Name!, function.Description, function.Parameters ?? default, (_, _) => throw new InvalidOperationException("the arguments were: secret content"));
        }

        ResponsesTurnResult? turn = null;
        loop.TurnCompleted = t => turn = t;
        await Assert.ThrowsAsync<InvalidOperationException>(() => loop.RunAsync(ClientTestHost.FirstInput(), ClientTestHost.Timeout()));

        List<Activity> tools = capture.Spans().Where(s => s.GetTagItem("gen_ai.operation.name") as string == "execute_tool").ToList();
        Assert.NotNull(turn);
        Assert.Equal(turn.FunctionCalls.Count, tools.Count);
        Assert.All(tools, tool =>
        {
            Assert.Equal(ActivityStatusCode.Error, tool.Status);
            Assert.Equal(typeof(InvalidOperationException).FullName, tool.GetTagItem("error.type"));
            Assert.DoesNotContain("secret content", tool.StatusDescription ?? "", StringComparison.Ordinal);
        });
    }

    private static void AssertCompletedTurn(Activity span, ResponsesTurnResult result, EmulatorServer server, Activity root, bool fullContext)
    {
        Response response = result.Response!;
        Assert.Equal(ActivityKind.Client, span.Kind);
        Assert.Equal("chat " + ClientTestHost.Template().Model, span.DisplayName);
        Assert.Equal(root.SpanId, span.ParentSpanId);
        Assert.Equal(ActivityStatusCode.Unset, span.Status);
        Assert.Equal("chat", span.GetTagItem("gen_ai.operation.name"));
        Assert.Equal("openai", span.GetTagItem("gen_ai.provider.name"));
        Assert.Equal("responses", span.GetTagItem("openai.api.type"));
        Assert.Equal(ClientTestHost.Template().Model, span.GetTagItem("gen_ai.request.model"));
        Assert.Equal(true, span.GetTagItem("gen_ai.request.stream"));
        Assert.Equal(result.ResponseId, span.GetTagItem("gen_ai.response.id"));
        Assert.NotNull(result.ResponseId);
        Assert.Equal(response.Model, span.GetTagItem("gen_ai.response.model"));
        Assert.NotNull(response.Model);
        Assert.Equal(response.Usage!.InputTokens, span.GetTagItem("gen_ai.usage.input_tokens"));
        Assert.Equal(response.Usage.OutputTokens, span.GetTagItem("gen_ai.usage.output_tokens"));
        Assert.True(response.Usage.InputTokens > 0 && response.Usage.OutputTokens > 0);
        Assert.Equal(new[] { result.FunctionCalls.Count > 0 ? "tool_calls" : "stop" }, (string[])span.GetTagItem("gen_ai.response.finish_reasons")!);
        Assert.Equal(result.TimeToFirstEvent.TotalSeconds, span.GetTagItem("gen_ai.response.time_to_first_chunk"));
        Assert.Equal(server.BaseAddress.Host, span.GetTagItem("server.address"));
        Assert.Equal(server.BaseAddress.Port, span.GetTagItem("server.port"));
        Assert.Equal("websocket", span.GetTagItem("protocolcore.mode"));
        Assert.Equal(fullContext, span.GetTagItem("protocolcore.full_context"));
        Assert.Equal(result.SentFullContext, fullContext);
        Assert.Equal(0, span.GetTagItem("protocolcore.retries"));
        Assert.Equal(0, span.GetTagItem("protocolcore.reconnects"));
        Assert.Equal(result.BytesSent, span.GetTagItem("protocolcore.bytes_sent"));
        Assert.Null(span.GetTagItem("error.type"));
    }

    /// <summary>The points of <paramref name="metric"/> this test's emulator (its port) produced.</summary>
    private static List<MetricPoint> PointsOf(MetricSnapshot metric, int port) =>
        metric.MetricPoints.Where(p => TagsOf(p).TryGetValue("server.port", out object? value) && value is int or long && Convert.ToInt32(value, System.Globalization.CultureInfo.InvariantCulture) == port).ToList();

    private static Dictionary<string, object?> TagsOf(MetricPoint point)
    {
        var tags = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (KeyValuePair<string, object?> tag in point.Tags)
        {
            tags[tag.Key] = tag.Value;
        }

        return tags;
    }

    private static double[] ExplicitBounds(MetricPoint point)
    {
        var bounds = new List<double>();
        foreach (HistogramBucket bucket in point.GetHistogramBuckets())
        {
            if (!double.IsPositiveInfinity(bucket.ExplicitBound))
            {
                bounds.Add(bucket.ExplicitBound);
            }
        }

        return [.. bounds];
    }

    private static double TokenSum(List<MetricPoint> points, string type) =>
        points.Where(p => TagsOf(p)["gen_ai.token.type"] as string == type).Sum(p => p.GetHistogramSum());

    private static long CountWithErrorType(List<MetricPoint> points, string? errorType) =>
        points.Where(p => (TagsOf(p).GetValueOrDefault("error.type") as string) == errorType).Sum(p => p.GetHistogramCount());

    private static string Text(object? value) => value switch
    {
        null => "",
        string[] items => string.Join(",", items),
        _ => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "",
    };
}
