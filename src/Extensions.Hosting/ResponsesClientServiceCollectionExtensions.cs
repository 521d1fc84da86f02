using System;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using ProtocolCore.Client;
using ProtocolCore.Extensions.Hosting;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers <see cref="ResponsesClient"/> in a service collection (<c>services.AddResponsesClient(...)</c>).</summary>
public static class ResponsesClientServiceCollectionExtensions
{
    /// <summary>
    /// The name of the <c>IHttpClientFactory</c> client whose handlers HTTP mode uses: configure it with
    /// <c>services.AddHttpClient(ResponsesClientServiceCollectionExtensions.HttpClientName)</c> (a delegating handler,
    /// resilience, another primary handler). Its primary handler is, unless replaced,
    /// <see cref="ResponsesHttpTransport.CreateHandler"/> of the registered options (their proxy, TLS validation and timeouts).
    /// </summary>
    public const string HttpClientName = "ProtocolCore.Responses";

    /// <summary>
    /// Registers a singleton <see cref="ResponsesClient"/> built from <c>IOptions&lt;ResponsesClientOptions&gt;</c>,
    /// with <paramref name="configure"/> applied to the options. The options are validated (their own
    /// <see cref="ResponsesClientOptions.Validate"/>) when the host starts, so a bad value fails the start with
    /// <see cref="OptionsValidationException"/>. Unless the options name their own, the client logs through
    /// <c>ILogger</c> (category <see cref="ResponsesClientLoggingObserver.CategoryName"/>) and HTTP mode sends through
    /// handlers of the <see cref="HttpClientName"/> client. Calling it again adds <paramref name="configure"/>; the
    /// client is registered once.
    /// </summary>
    /// <remarks>
    /// The container owns the client: it is disposed (with its sessions and pool) when the host stops. It implements
    /// only <see cref="IAsyncDisposable"/>, so a service provider built by hand must be disposed with
    /// <c>DisposeAsync</c>. For an <c>IChatClient</c>, register one over it:
    /// <c>services.AddChatClient(sp =&gt; sp.GetRequiredService&lt;ResponsesClient&gt;().AsIChatClient("model"))</c>
    /// (packages <c>ProtocolCore.Extensions.AI</c> and <c>Microsoft.Extensions.AI</c>).
    /// </remarks>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Sets the options (base URL, API key, timeouts...); null keeps the defaults.</param>
    /// <returns><paramref name="services"/>, for chaining.</returns>
    public static IServiceCollection AddResponsesClient(this IServiceCollection services, Action<ResponsesClientOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        OptionsBuilder<ResponsesClientOptions> options = services.AddOptions<ResponsesClientOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        options.ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ResponsesClientOptions>, ResponsesClientOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPostConfigureOptions<ResponsesClientOptions>, ResponsesClientHostingSetup>());
        services.AddHttpClient(HttpClientName)
            .ConfigurePrimaryHttpMessageHandler(static provider => ResponsesHttpTransport.CreateHandler(provider.GetRequiredService<IOptions<ResponsesClientOptions>>().Value));
        services.TryAddSingleton(static provider => new ResponsesClient(provider.GetRequiredService<IOptions<ResponsesClientOptions>>().Value));
        return services;
    }
}
