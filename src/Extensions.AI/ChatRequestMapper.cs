using System;
using System.Buffers;
using System.Collections.Generic;
using System.Text.Json;
using Microsoft.Extensions.AI;
using ProtocolCore.Json;
using ProtocolCore.Models;
using ProtocolCore.Requests;

namespace ProtocolCore.Extensions.AI;

/// <summary><see cref="ChatOptions"/> as the non-input fields of a <c>response.create</c>.</summary>
internal static class ChatRequestMapper
{
    /// <summary>
    /// The request template for one call: a <see cref="ResponseCreateRequest"/> from
    /// <see cref="ChatOptions.RawRepresentationFactory"/> as the base (for fields chat options do not have), then the
    /// options that are set.
    /// </summary>
    /// <exception cref="NotSupportedException">A tool is not a function (hosted tools are not mapped).</exception>
    public static ResponseCreateRequest CreateTemplate(IChatClient client, string model, ChatOptions? options)
    {
        ResponseCreateRequest template = options?.RawRepresentationFactory?.Invoke(client) as ResponseCreateRequest ?? new ResponseCreateRequest();
        template.Model = options?.ModelId ?? template.Model ?? model;
        if (options is null)
        {
            return template;
        }

        template.Instructions = options.Instructions ?? template.Instructions;
        template.Temperature = options.Temperature ?? template.Temperature;
        template.TopP = options.TopP ?? template.TopP;
        template.MaxOutputTokens = options.MaxOutputTokens ?? template.MaxOutputTokens;
        template.ParallelToolCalls = options.AllowMultipleToolCalls ?? template.ParallelToolCalls;
        if (options.Tools is { Count: > 0 } tools)
        {
            List<Tool> list = template.Tools ??= [];
            foreach (AITool tool in tools)
            {
                if (tool is not AIFunctionDeclaration function)
                {
                    throw new NotSupportedException($"{tool.GetType().Name} ('{tool.Name}') is not supported: this chat client sends function tools only.");
                }

                list.Add(new FunctionTool
                {
                    Name = function.Name,
                    Description = string.IsNullOrEmpty(function.Description) ? null : function.Description,
                    Parameters = RawJson.Parse(function.JsonSchema.GetRawText()),
                });
            }
        }

        if (options.ToolMode is { } mode)
        {
            template.ToolChoice = mode switch
            {
                NoneChatToolMode => RawJson.Parse("\"none\""),
                RequiredChatToolMode { RequiredFunctionName: { } name } => Write(w =>
                {
                    w.WriteStartObject();
                    w.WriteString("type", "function");
                    w.WriteString("name", name);
                    w.WriteEndObject();
                }),
                RequiredChatToolMode => RawJson.Parse("\"required\""),
                _ => RawJson.Parse("\"auto\""),
            };
        }

        if (options.ResponseFormat is ChatResponseFormatJson json)
        {
            template.Text = Write(w =>
            {
                w.WriteStartObject();
                w.WriteStartObject("format");
                if (json.Schema is { } schema)
                {
                    w.WriteString("type", "json_schema");
                    w.WriteString("name", json.SchemaName ?? "response");
                    if (json.SchemaDescription is { } description)
                    {
                        w.WriteString("description", description);
                    }

                    w.WritePropertyName("schema");
                    schema.WriteTo(w);
                    w.WriteBoolean("strict", true);
                }
                else
                {
                    w.WriteString("type", "json_object");
                }

                w.WriteEndObject();
                w.WriteEndObject();
            });
        }

        return template;
    }

    /// <summary>
    /// Copies every non-input field of <paramref name="source"/> onto a session's template, so the session sees this
    /// call's settings (and, when they changed, sends the full context by its own rule).
    /// </summary>
    public static void CopyTo(ResponseCreateRequest source, ResponseCreateRequest target)
    {
        target.StreamId = source.StreamId;
        target.Model = source.Model;
        target.Instructions = source.Instructions;
        target.Store = source.Store;
        target.Tools = source.Tools;
        target.ToolChoice = source.ToolChoice;
        target.ParallelToolCalls = source.ParallelToolCalls;
        target.MaxToolCalls = source.MaxToolCalls;
        target.MaxOutputTokens = source.MaxOutputTokens;
        target.Include = source.Include;
        target.Metadata = source.Metadata;
        target.Temperature = source.Temperature;
        target.TopP = source.TopP;
        target.TopLogprobs = source.TopLogprobs;
        target.Reasoning = source.Reasoning;
        target.Text = source.Text;
        target.Truncation = source.Truncation;
        target.ServiceTier = source.ServiceTier;
        target.User = source.User;
        target.SafetyIdentifier = source.SafetyIdentifier;
        target.PromptCacheKey = source.PromptCacheKey;
        target.PromptCacheRetention = source.PromptCacheRetention;
        target.PromptCacheOptions = source.PromptCacheOptions;
        target.Prompt = source.Prompt;
        target.Background = source.Background;
        target.Stream = source.Stream;
        target.StreamOptions = source.StreamOptions;
        target.Conversation = source.Conversation;
        target.ContextManagement = source.ContextManagement;
        target.Moderation = source.Moderation;
        target.ExtensionData = source.ExtensionData;
    }

    private static RawJson Write(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>(128);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            write(writer);
        }

        return new RawJson(buffer.WrittenMemory.ToArray());
    }
}
