using System;
using System.Diagnostics;
using ProtocolCore.Models;

namespace ProtocolCore.Client;

/// <summary>
/// The OpenTelemetry GenAI <c>execute_tool {name}</c> span (kind Internal) of one function call a <see cref="ToolLoop"/>
/// runs: the tool's name, the call id and <c>error.type</c> when the handler throws or the tool is not registered. The
/// arguments and the result are content, which the convention records only on opt-in: they are not recorded.
/// </summary>
internal static class ToolCallTelemetry
{
    /// <summary>The <c>error.type</c> of a call to a tool that is not registered (the model gets an error output).</summary>
    public const string UnknownToolError = "unknown_tool";

    /// <summary>Starts the call's span, or returns null when nobody listens.</summary>
    public static Activity? Start(FunctionCall call, bool registered)
    {
        ActivitySource source = ResponsesClientDiagnostics.ActivitySource;
        if (!source.HasListeners())
        {
            return null;
        }

        string? name = call.Name;
        var tags = new TagList
        {
            { GenAIConventions.OperationName, GenAIConventions.ExecuteToolOperation },
            { GenAIConventions.ToolName, name },
            { GenAIConventions.ToolCallId, call.CallId },
            { GenAIConventions.ToolType, GenAIConventions.FunctionToolType },
        };
        string spanName = name is null ? GenAIConventions.ExecuteToolOperation : GenAIConventions.ExecuteToolOperation + " " + name;
        Activity? activity = source.StartActivity(spanName, ActivityKind.Internal, parentContext: default, tags: tags);
        if (!registered)
        {
            SetError(activity, UnknownToolError);
        }

        return activity;
    }

    /// <summary>
    /// Records that the handler threw <paramref name="exception"/>; always false, so that as an exception filter it lets
    /// the exception pass untouched. Only its type is recorded: a handler's message may quote the arguments.
    /// </summary>
    public static bool Failed(Activity? activity, Exception exception)
    {
        SetError(activity, exception.GetType().FullName ?? GenAIConventions.OtherError);
        return false;
    }

    private static void SetError(Activity? activity, string errorType)
    {
        activity?.SetTag(GenAIConventions.ErrorType, errorType);
        activity?.SetStatus(ActivityStatusCode.Error, errorType);
    }
}
