using System;
using System.Net.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ProtocolCore.Client;

namespace ProtocolCore.Extensions.Hosting;

/// <summary>
/// Gives the registered options what the container has, where the application set nothing itself: an
/// <see cref="ResponsesClientLoggingObserver"/> and the <see cref="ResponsesClientServiceCollectionExtensions.HttpClientName"/>
/// handlers for HTTP mode.
/// </summary>
internal sealed class ResponsesClientHostingSetup(ILoggerFactory loggerFactory, IHttpMessageHandlerFactory handlerFactory)
    : IPostConfigureOptions<ResponsesClientOptions>
{
    public void PostConfigure(string? name, ResponsesClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Observer ??= new ResponsesClientLoggingObserver(loggerFactory.CreateLogger(ResponsesClientLoggingObserver.CategoryName));
        options.HttpHandlerFactory ??= CreateHandler;
    }

    private HttpMessageHandler CreateHandler() => handlerFactory.CreateHandler(ResponsesClientServiceCollectionExtensions.HttpClientName);
}
