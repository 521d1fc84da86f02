using System;
using System.Text.Json;
using ProtocolCore.Json;
using ProtocolCore.Models;

namespace ProtocolCore.Requests;

/// <summary>Function tool definitions (the <c>tools</c> of a request) in one call.</summary>
public static class FunctionTools
{
    /// <summary>A <c>function</c> tool: what the model may call, with the JSON schema of its arguments.</summary>
    /// <param name="name">The name the model calls.</param>
    /// <param name="description">Shown to the model; may be null.</param>
    /// <param name="parametersSchema">The JSON schema of the arguments, a JSON object such as <c>{"type":"object","properties":{...}}</c>.</param>
    /// <exception cref="ArgumentException"><paramref name="name"/> is empty, or <paramref name="parametersSchema"/> is not one JSON object.</exception>
    public static FunctionTool Create(string name, string? description, string parametersSchema)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(parametersSchema);
        RawJson schema;
        try
        {
            schema = RawJson.Parse(parametersSchema);
        }
        catch (ProtocolJsonException e)
        {
            throw new ArgumentException("The parameters schema is not valid JSON: " + e.Message, nameof(parametersSchema), e);
        }

        if (schema.ValueKind != JsonValueKind.Object)
        {
            throw new ArgumentException("The parameters schema must be a JSON object.", nameof(parametersSchema));
        }

        return new FunctionTool { Name = name, Description = description, Parameters = schema };
    }
}
