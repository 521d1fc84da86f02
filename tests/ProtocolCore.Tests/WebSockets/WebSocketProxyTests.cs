using System;
using System.Collections.Generic;
using ProtocolCore.WebSockets;

namespace ProtocolCore.Tests.WebSockets;

public class WebSocketProxyTests
{
    [Theory]
    [InlineData("api.openai.com", 443, "*", true)]
    [InlineData("api.openai.com", 443, "openai.com", true)]
    [InlineData("api.openai.com", 443, ".openai.com", true)]
    [InlineData("api.openai.com", 443, "*.openai.com", true)]
    [InlineData("api.openai.com", 443, "openai.com:443", true)]
    [InlineData("api.openai.com", 443, "openai.com:8443", false)]
    [InlineData("api.openai.com", 443, "notopenai.com", false)]
    [InlineData("api.openai.com", 443, "example.com, api.openai.com", true)]
    [InlineData("10.1.2.3", 80, "10.1.2.3", true)]
    [InlineData("::1", 80, "[::1]", true)]
    [InlineData("api.openai.com", 443, "", false)]
    public void NoProxy_Rules(string host, int port, string noProxy, bool bypassed) =>
        Assert.Equal(bypassed, WebSocketProxy.IsBypassed(host, port, noProxy, bypassLoopback: false));

    [Fact]
    public void EnvironmentProxy_BypassesLoopback_ExplicitDoesNot()
    {
        var env = new Dictionary<string, string> { ["HTTPS_PROXY"] = "proxy.local:3128" };
        var fromEnvironment = new WebSocketClientOptions();
        Assert.Null(WebSocketProxy.Resolve(new Uri("wss://127.0.0.1:1/"), fromEnvironment, env.GetValueOrDefault));
        Assert.Equal(new Uri("http://proxy.local:3128"), WebSocketProxy.Resolve(new Uri("wss://api.openai.com/"), fromEnvironment, env.GetValueOrDefault));

        var explicitProxy = new WebSocketClientOptions { Proxy = new Uri("http://127.0.0.1:3128") };
        Assert.NotNull(WebSocketProxy.Resolve(new Uri("ws://127.0.0.1:1/"), explicitProxy, _ => null));
    }

    [Fact]
    public void EnvironmentProxy_PerScheme_LowerCaseFirst_AndNoProxy()
    {
        var env = new Dictionary<string, string>
        {
            ["http_proxy"] = "http://lower:1",
            ["HTTP_PROXY"] = "http://upper:1",
            ["HTTPS_PROXY"] = "http://secure:1",
            ["NO_PROXY"] = "internal.example",
        };
        var options = new WebSocketClientOptions();
        Assert.Equal("lower", WebSocketProxy.Resolve(new Uri("ws://a.example/"), options, env.GetValueOrDefault)!.Host);
        Assert.Equal("secure", WebSocketProxy.Resolve(new Uri("wss://a.example/"), options, env.GetValueOrDefault)!.Host);
        Assert.Null(WebSocketProxy.Resolve(new Uri("wss://api.internal.example/"), options, env.GetValueOrDefault));
        Assert.Null(WebSocketProxy.Resolve(new Uri("wss://a.example/"), new WebSocketClientOptions { UseEnvironmentProxy = false }, env.GetValueOrDefault));
    }
}
