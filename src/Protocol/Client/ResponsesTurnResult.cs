using System;
using System.Collections.Generic;
using ProtocolCore.Json;
using ProtocolCore.Models;

namespace ProtocolCore.Client;

/// <summary>What one turn produced, and what it cost on the wire.</summary>
public sealed class ResponsesTurnResult
{
    private IReadOnlyList<OutputItem> _output = [];
    private IReadOnlyList<OutputItem>? _presentedOutput;
    private IReadOnlyList<FunctionCall>? _functionCalls;

    internal ResponsesTurnResult(ResponsesTransportMode mode) => Mode = mode;

    /// <summary>The transport the turn ran on (after any fallback).</summary>
    public ResponsesTransportMode Mode { get; }

    /// <summary>The response id (the next turn's <c>previous_response_id</c>).</summary>
    public string? ResponseId { get; internal set; }

    /// <summary>The terminal event's type: <c>response.completed</c>, <c>.done</c>, <c>.incomplete</c> or <c>.failed</c>.</summary>
    public string TerminalEvent { get; internal set; } = "";

    /// <summary>
    /// The response as the terminal event carried it (with <c>usage</c>), owned. Null on the view path
    /// (<see cref="ResponsesSession.ReadTurnAsync"/>), which does not decode the terminal response into objects: it keeps
    /// <see cref="ResponseId"/>, <see cref="Usage"/>, <see cref="ServiceTier"/> and <see cref="Output"/> (clone the
    /// terminal event with <see cref="Events.ResponsesEventJson.Clone"/> while it is current for the rest).
    /// </summary>
    public Response? Response { get; internal set; }

    /// <summary>The token usage the server reported for the response, if any (owned, on both paths).</summary>
    public ResponseUsage? Usage { get; internal set; }

    /// <summary>The service tier that actually processed the response, if the server said (on both paths).</summary>
    public StringEnum<ServiceTier>? ServiceTier { get; internal set; }

    /// <summary>The response's <c>error</c> (of <c>response.failed</c>), on both paths.</summary>
    internal ResponseError? Error { get; set; }

    /// <summary>Why the response is incomplete (of <c>response.incomplete</c>), on both paths.</summary>
    internal IncompleteDetails? IncompleteDetails { get; set; }

    /// <summary>
    /// The server's request id and rate limits as this turn's transport last received them: in WebSocket mode the
    /// connection's upgrade response, in HTTP mode this turn's response. Null when the server sent none.
    /// </summary>
    public ResponsesServerHeaders? ServerHeaders { get; internal set; }

    /// <summary>
    /// The output items, owned. On the view path the turn keeps them as the JSON the server sent and each is decoded
    /// the first time it is read here (or in <see cref="FunctionCalls"/> or <see cref="ResponsesSession.Conversation"/>,
    /// which show the same instance).
    /// </summary>
    public IReadOnlyList<OutputItem> Output => _presentedOutput ??= KeptItemList<OutputItem>.Present(_output);

    /// <summary>The output items as the session keeps them (raw ones on the view path): what the chain commits.</summary>
    internal IReadOnlyList<OutputItem> KeptOutput
    {
        get => _output;
        set
        {
            _output = value;
            _presentedOutput = null;
            _functionCalls = null;
        }
    }

    /// <summary>The function calls among <see cref="Output"/>, in order (the same instances).</summary>
    public IReadOnlyList<FunctionCall> FunctionCalls => _functionCalls ??= FindFunctionCalls(_output);

    /// <summary>True when the request carried the whole conversation; false when it chained with only the new items.</summary>
    public bool SentFullContext { get; internal set; }

    /// <summary>How many times the request was sent again before it succeeded (not-found recovery, connection limit); a request refused by the size guard was never sent, so not counted.</summary>
    public int Retries { get; internal set; }

    /// <summary>Events received for the response that succeeded.</summary>
    public int EventCount { get; internal set; }

    /// <summary>From sending the request to its first event.</summary>
    public TimeSpan TimeToFirstEvent { get; internal set; }

    /// <summary>From sending the request to its first <c>*.delta</c> event (zero when there was none).</summary>
    public TimeSpan TimeToFirstDelta { get; internal set; }

    /// <summary>From starting the turn (including any connect) to its terminal event.</summary>
    public TimeSpan Duration { get; internal set; }

    /// <summary>Request payload bytes this turn sent (every attempt).</summary>
    public long BytesSent { get; internal set; }

    /// <summary>Event payload bytes this turn received (every attempt).</summary>
    public long BytesReceived { get; internal set; }

    /// <summary>
    /// The function calls among <paramref name="output"/>, in order; kept raw ones are decoded when the caller reads
    /// them. Found when first asked for: a turn whose caller never looks allocates no list for them.
    /// </summary>
    private static IReadOnlyList<FunctionCall> FindFunctionCalls(IReadOnlyList<OutputItem> output)
    {
        // By index throughout: a foreach over the interface would box the list's enumerator.
        bool anyKept = false;
        for (int i = 0; i < output.Count; i++)
        {
            anyKept |= IsKeptCall(output[i]);
        }

        if (anyKept)
        {
            var all = new List<InputItem>();
            for (int i = 0; i < output.Count; i++)
            {
                if (output[i] is FunctionCall || IsKeptCall(output[i]))
                {
                    all.Add(output[i]);
                }
            }

            return new KeptItemList<FunctionCall>(all);
        }

        List<FunctionCall>? calls = null;
        for (int i = 0; i < output.Count; i++)
        {
            if (output[i] is FunctionCall call)
            {
                (calls ??= []).Add(call);
            }
        }

        return calls is null ? [] : calls;
    }

    private static bool IsKeptCall(OutputItem item) => item is KeptOutputItem { Kind: InputItemKind.FunctionCall };
}
