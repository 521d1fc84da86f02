using System;

namespace ProtocolCore.Emulator;

/// <summary>Misbehaviours the emulator injects on demand (see <see cref="EmulatorFaults"/> for how they are requested).</summary>
[Flags]
public enum EmulatorFault
{
    /// <summary>No fault: the emulator behaves like the API.</summary>
    None = 0,

    /// <summary><c>abrupt_close</c>: the connection is dropped without a close handshake after the first delta (WebSocket 1006).</summary>
    AbruptClose = 1 << 0,

    /// <summary><c>response_failed</c>: after the first output item, the response ends with <c>response.failed</c> (<c>server_error</c>).</summary>
    ResponseFailed = 1 << 1,

    /// <summary><c>response_incomplete</c>: after the first output item, the response ends with <c>response.incomplete</c> (<c>max_output_tokens</c>).</summary>
    ResponseIncomplete = 1 << 2,

    /// <summary><c>flat_error</c>: after <c>response.in_progress</c>, the response ends with a flat (SSE-form) <c>error</c> event.</summary>
    FlatError = 1 << 3,

    /// <summary><c>done_terminal</c>: the terminal event is <c>response.done</c> instead of <c>response.completed</c>.</summary>
    DoneTerminal = 1 << 4,

    /// <summary><c>missing_name</c>: <c>response.function_call_arguments.done</c> carries no <c>name</c> (as observed live).</summary>
    MissingName = 1 << 5,

    /// <summary><c>unknown_event</c>: events of unknown types are interleaved (with and without <c>sequence_number</c>).</summary>
    UnknownEvents = 1 << 6,

    /// <summary><c>refusal</c>: instead of the turn's output, a message whose content is a refusal (<c>response.refusal.*</c>).</summary>
    Refusal = 1 << 7,

    /// <summary>
    /// <c>await_steer</c>: once its output is streamed the response holds (before its terminal event) until a
    /// <c>response.steer</c> or <c>response.inject</c> for it arrives, or <see cref="EmulatorOptions.SteerHoldLimit"/> passes.
    /// </summary>
    AwaitSteer = 1 << 8,

    /// <summary><c>steer_pending</c>: a steer of this response is answered <c>response.steer.pending</c> (waiting for its tool calls' outputs) and not applied.</summary>
    SteerPending = 1 << 9,

    /// <summary><c>steer_fail</c>: a steer of this response is answered <c>response.steer.failed</c> (<c>steering_not_supported</c>).</summary>
    SteerFail = 1 << 10,
}
