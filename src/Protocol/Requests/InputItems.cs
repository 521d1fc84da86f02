using System;
using ProtocolCore.Models;

namespace ProtocolCore.Requests;

/// <summary>The input items everybody writes, in one call each.</summary>
public static class InputItems
{
    /// <summary>A user message with one <c>input_text</c> part.</summary>
    public static Message UserMessage(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return new Message { Role = MessageRole.User, Content = new MessageContent([new InputTextContent { Text = text }]) };
    }

    /// <summary>The <c>function_call_output</c> that answers <paramref name="call"/> with <paramref name="output"/>.</summary>
    /// <exception cref="ArgumentException"><paramref name="call"/> has no <c>call_id</c> to answer.</exception>
    public static Models.FunctionCallOutput FunctionCallOutput(FunctionCall call, string output)
    {
        ArgumentNullException.ThrowIfNull(call);
        ArgumentNullException.ThrowIfNull(output);
        if (string.IsNullOrEmpty(call.CallId))
        {
            throw new ArgumentException("The function call has no call_id, so no output can answer it.", nameof(call));
        }

        return new Models.FunctionCallOutput { CallId = call.CallId, Output = output };
    }
}
