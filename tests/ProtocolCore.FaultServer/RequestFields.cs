using System;
using System.Collections.Generic;
using System.Text.Json;

namespace ProtocolCore.Faults;

/// <summary>What the fault server reads from a <c>response.create</c>: the chain, the metadata id and the input's directives.</summary>
internal sealed class RequestFields
{
    private readonly List<(string Role, string Text)> _messages = [];

    private RequestFields()
    {
    }

    public string? PreviousResponseId { get; private set; }

    public string? MetadataRequestId { get; private set; }

    /// <summary>The directive of the last input item (this turn's user message), when it is one.</summary>
    public FaultDirective? Directive { get; private set; }

    /// <exception cref="JsonException">Not JSON.</exception>
    /// <exception cref="FormatException">Not a <c>response.create</c>, or a malformed directive.</exception>
    public static RequestFields Read(byte[] utf8Json)
    {
        using JsonDocument document = JsonDocument.Parse(utf8Json);
        JsonElement root = document.RootElement;
        if (!root.TryGetProperty("type", out JsonElement type) || type.GetString() != "response.create")
        {
            throw new FormatException("not a response.create");
        }

        var fields = new RequestFields();
        if (root.TryGetProperty("previous_response_id", out JsonElement previous) && previous.ValueKind == JsonValueKind.String)
        {
            fields.PreviousResponseId = previous.GetString();
        }

        if (root.TryGetProperty("metadata", out JsonElement metadata) && metadata.ValueKind == JsonValueKind.Object
            && metadata.TryGetProperty("request_id", out JsonElement requestId))
        {
            fields.MetadataRequestId = requestId.GetString();
        }

        if (root.TryGetProperty("input", out JsonElement input))
        {
            if (input.ValueKind == JsonValueKind.String)
            {
                fields._messages.Add(("user", input.GetString()!));
            }
            else if (input.ValueKind == JsonValueKind.Array)
            {
                foreach (JsonElement item in input.EnumerateArray())
                {
                    fields._messages.Add((Role(item), Text(item)));
                }
            }
        }

        if (fields._messages.Count > 0 && fields._messages[^1].Role == "user")
        {
            fields.Directive = FaultDirective.Parse(fields._messages[^1].Text);
        }

        return fields;
    }

    /// <summary>
    /// The input checked against the conversation the server streamed: a chained request carries only the new user
    /// message; a full one carries, before it, a user message and that request's exact answer per completed turn.
    /// </summary>
    public IEnumerable<string> CheckContext(string? cachedResponseId)
    {
        if (PreviousResponseId is not null)
        {
            if (_messages.Count != 1)
            {
                yield return $"chained to {cachedResponseId} with {_messages.Count} input items (expected only the new one)";
            }

            yield break;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        string? question = null;
        for (int i = 0; i < _messages.Count; i++)
        {
            (string role, string text) = _messages[i];
            bool isLast = i == _messages.Count - 1;
            if (role == "user")
            {
                if (question is not null)
                {
                    yield return $"input item {i}: user message after {question} had no answer";
                }

                FaultDirective? directive = FaultDirective.Parse(text);
                if (directive is null)
                {
                    yield return $"input item {i}: a user message that is not a storm directive";
                    continue;
                }

                if (!seen.Add(directive.Id))
                {
                    yield return $"input item {i}: {directive.Id} appears twice";
                }

                question = isLast ? null : directive.Id;
            }
            else if (role == "assistant")
            {
                if (question is null)
                {
                    yield return $"input item {i}: an assistant message without its user message";
                }
                else if (text != StormResponse.Text(question))
                {
                    yield return $"input item {i}: the answer to {question} is not that response's text";
                }

                question = null;
            }
            else
            {
                yield return $"input item {i}: unexpected item ({role})";
            }
        }
    }

    private static string Role(JsonElement item) =>
        item.TryGetProperty("role", out JsonElement role) && role.ValueKind == JsonValueKind.String ? role.GetString()!
            : item.TryGetProperty("type", out JsonElement type) ? type.GetString() ?? "?" : "?";

    /// <summary>A message's text: its content string, or its text parts joined.</summary>
    private static string Text(JsonElement item)
    {
        if (!item.TryGetProperty("content", out JsonElement content))
        {
            return string.Empty;
        }

        if (content.ValueKind == JsonValueKind.String)
        {
            return content.GetString()!;
        }

        var text = new System.Text.StringBuilder();
        if (content.ValueKind == JsonValueKind.Array)
        {
            foreach (JsonElement part in content.EnumerateArray())
            {
                if (part.TryGetProperty("text", out JsonElement value) && value.ValueKind == JsonValueKind.String)
                {
                    text.Append(value.GetString());
                }
            }
        }

        return text.ToString();
    }
}
