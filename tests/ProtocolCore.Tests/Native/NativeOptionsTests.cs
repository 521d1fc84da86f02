using System;
using System.Text;
using ProtocolCore.Client;
using ProtocolCore.Native;
using ProtocolCore.WebSockets;

namespace ProtocolCore.Tests.Native;

/// <summary>
/// The codec and session options objects, both read by <see cref="NativeOptionsReader"/>. The messages are part of the
/// ABI's behaviour (bindings show them to users, and their tests match on parts of them), so they are pinned exactly.
/// </summary>
public class NativeOptionsTests
{
    private const string SessionMembers =
        "mode, connect_timeout_ms, first_event_timeout_ms, idle_timeout_ms, max_connection_age_ms, max_reconnect_attempts, allow_http_fallback, io_mode";

    private static readonly int s_maxSize = Array.MaxLength - WebSocketFrameHeader.MaxHeaderLength;

    public static TheoryData<string, string> BadCodecOptions() => new()
    {
        { "[]", "codec options must be a JSON object" },
        { """{"max_frame_sise":10}""", "unknown codec option 'max_frame_sise' (expected max_message_size, max_frame_size)" },
        { """{"max_frame_size":0}""", $"max_frame_size must be an integer from 1 to {s_maxSize}" },
        { """{"max_message_size":1.5}""", $"max_message_size must be an integer from 1 to {s_maxSize}" },
        { """{"max_message_size":"1"}""", $"max_message_size must be an integer from 1 to {s_maxSize}" },
    };

    public static TheoryData<string, string> BadSessionOptions() => new()
    {
        { "[1]", "session options must be a JSON object" },
        { """{"mode":"smoke-signals"}""", "mode must be \"websocket\" or \"http\"" },
        { """{"mode":1}""", "mode must be \"websocket\" or \"http\"" },
        { """{"connect_timeout_ms":0}""", $"connect_timeout_ms must be an integer from 1 to {int.MaxValue}" },
        { """{"max_reconnect_attempts":101}""", "max_reconnect_attempts must be an integer from 0 to 100" },
        { """{"allow_http_fallback":1}""", "allow_http_fallback must be true or false" },
        { """{"io_mode":"io_uring"}""", "io_mode must be \"thread_pool\" or \"event_loop\"" },
        { """{"unknown":1}""", $"unknown session option 'unknown' (expected {SessionMembers})" },
    };

    [Theory]
    [MemberData(nameof(BadCodecOptions))]
    public void BadCodecOptionsSayWhatIsWrong(string json, string message)
    {
        PcException failure = Assert.Throws<PcException>(() => CodecOptions.Parse(Encoding.UTF8.GetBytes(json)));

        Assert.Equal(PcStatus.InvalidArgument, failure.Status);
        Assert.Equal(message, failure.Message);
    }

    [Theory]
    [MemberData(nameof(BadSessionOptions))]
    public void BadSessionOptionsSayWhatIsWrong(string json, string message)
    {
        PcException failure = Assert.Throws<PcException>(() => SessionOptions.Apply(Encoding.UTF8.GetBytes(json), new ResponsesClientOptions()));

        Assert.Equal(PcStatus.InvalidArgument, failure.Status);
        Assert.Equal(message, failure.Message);
    }

    [Theory]
    [InlineData("codec", """{"max_frame_size":10""")]
    [InlineData("codec", """{"max_frame_size":10} x""")]
    [InlineData("session", """{"mode":"http",""")]
    public void InvalidJsonIsReportedAsSuch(string what, string json)
    {
        byte[] utf8 = Encoding.UTF8.GetBytes(json);
        PcException failure = what == "codec"
            ? Assert.Throws<PcException>(() => CodecOptions.Parse(utf8))
            : Assert.Throws<PcException>(() => SessionOptions.Apply(utf8, new ResponsesClientOptions()));

        Assert.Equal(PcStatus.InvalidArgument, failure.Status);
        Assert.StartsWith($"{what} options are not valid JSON: ", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AKeyGivenAsAValueIsNotEchoed()
    {
        const string Secret = "sk-not-a-real-key";

        PcException failure = Assert.Throws<PcException>(
            () => SessionOptions.Apply(Encoding.UTF8.GetBytes($$"""{"idle_timeout_ms":"{{Secret}}"}"""), new ResponsesClientOptions()));

        Assert.DoesNotContain(Secret, failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CodecOptionsAreReadAndDefaulted()
    {
        CodecOptions both = CodecOptions.Parse("""{"max_message_size":100,"max_frame_size":50}"""u8);
        CodecOptions one = CodecOptions.Parse("""{"max_frame_size":50}"""u8);

        Assert.Equal((100, 50), (both.MaxMessageSize, both.MaxFrameSize));
        Assert.Equal((CodecOptions.DefaultMaxSize, 50), (one.MaxMessageSize, one.MaxFrameSize));
        Assert.Same(CodecOptions.Default, CodecOptions.Parse(default));
    }

    [Fact]
    public void SessionOptionsAreAppliedAndTheLaterDuplicateWins()
    {
        var options = new ResponsesClientOptions();
        TimeSpan defaultIdle = options.IdleTimeout;

        ResponsesTransportMode mode = SessionOptions.Apply(
            """
            {"mode":"websocket","mode":"http","connect_timeout_ms":1500,"first_event_timeout_ms":2500,
             "max_connection_age_ms":60000,"max_reconnect_attempts":0,"allow_http_fallback":false,"io_mode":"event_loop"}
            """u8,
            options);

        Assert.Equal(ResponsesTransportMode.Http, mode);
        Assert.Equal(TimeSpan.FromMilliseconds(1500), options.ConnectTimeout);
        Assert.Equal(TimeSpan.FromMilliseconds(2500), options.FirstEventTimeout);
        Assert.Equal(defaultIdle, options.IdleTimeout);
        Assert.Equal(TimeSpan.FromMilliseconds(60000), options.MaxConnectionAge);
        Assert.Equal(0, options.MaxReconnectAttempts);
        Assert.False(options.AllowHttpFallback);
        Assert.Equal(WebSocketIoMode.EventLoop, options.WebSocket.IoMode);
        Assert.Equal(ResponsesTransportMode.WebSocket, SessionOptions.Apply(default, new ResponsesClientOptions()));
        var threadPool = new ResponsesClientOptions { WebSocket = { IoMode = WebSocketIoMode.EventLoop } };
        SessionOptions.Apply("""{"io_mode":"thread_pool"}"""u8, threadPool);
        Assert.Equal(WebSocketIoMode.ThreadPool, threadPool.WebSocket.IoMode);
    }
}
