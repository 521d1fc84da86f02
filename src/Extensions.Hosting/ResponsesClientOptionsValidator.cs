using System;
using Microsoft.Extensions.Options;
using ProtocolCore.Client;

namespace ProtocolCore.Extensions.Hosting;

/// <summary>The options' own <see cref="ResponsesClientOptions.Validate"/>, as an options validator (so <c>ValidateOnStart</c> runs it).</summary>
internal sealed class ResponsesClientOptionsValidator : IValidateOptions<ResponsesClientOptions>
{
    public ValidateOptionsResult Validate(string? name, ResponsesClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        try
        {
            options.Validate();
            return ValidateOptionsResult.Success;
        }
        catch (ArgumentException e)
        {
            // The messages name the option, never a value that could be a secret.
            return ValidateOptionsResult.Fail($"{nameof(ResponsesClientOptions)}: {e.Message}");
        }
    }
}
