using System;
using System.Text;
using System.Threading;
using ProtocolCore.Client;
using ProtocolCore.Models;

namespace ProtocolCore.Native;

/// <summary>
/// One turn of a <see cref="NativeSession"/> as <c>pc_session_turn_info</c> reports it: the session's counters when it
/// began, the figures so far (the runner writes them after each event, the caller thread reads them), and the final
/// figures the runner publishes before the caller can see the turn end (before its error goes into the queue, or
/// before it completes the queue). A finished turn's bytes, chain decision and retries are the .NET
/// <see cref="ResponsesTurnResult"/>'s own, so the ABI and the .NET session never disagree.
/// </summary>
internal sealed unsafe class NativeTurn
{
    private readonly ResponsesSession _session;
    private readonly ResponsesTurnResult? _previousResult;
    private readonly long _startSent;
    private readonly long _startReceived;
    private readonly int _startConnects;
    private readonly int _startReconnects;

    private long _events;
    private long _sent;
    private long _received;
    private TurnFigures? _final;

    /// <summary>Takes the session's counters; called on the caller thread while no runner uses the session.</summary>
    public NativeTurn(ResponsesSession session)
    {
        _session = session;
        _previousResult = session.LastTurn;
        _startSent = session.BytesSent;
        _startReceived = session.BytesReceived;
        _startConnects = session.Connects;
        _startReconnects = session.Reconnects;
    }

    /// <summary>What the caller's pull returned when the turn ended for it; set on the caller thread.</summary>
    public int CallerStatus { get; set; }

    /// <summary>The caller saw the turn end (<c>PC_TURN_DONE</c>, or the error that ended it); set on the caller thread.</summary>
    public bool CallerDone { get; set; }

    /// <summary>The runner has published the final figures.</summary>
    public bool IsComplete => Volatile.Read(ref _final) is not null;

    /// <summary>Runner thread, after each event: the figures so far (in the session's flow, so its counters are settled).</summary>
    public void Observe()
    {
        Volatile.Write(ref _events, _events + 1);
        Volatile.Write(ref _sent, _session.BytesSent - _startSent);
        Volatile.Write(ref _received, _session.BytesReceived - _startReceived);
    }

    /// <summary>Runner thread, once the session's turn is over (it threw, ended or was cancelled): the final figures.</summary>
    public void Complete()
    {
        // The session sets LastTurn at a terminal event only (an error event included): a turn that ended without one
        // leaves the previous turn's there.
        ResponsesTurnResult? result = _session.LastTurn is { } last && !ReferenceEquals(last, _previousResult) ? last : null;
        ResponseUsage? usage = result?.Response?.Usage;
        byte[]? id = null;
        if (result?.ResponseId is { } responseId)
        {
            // Pinned: pc_session_turn_info hands out a pointer into it, valid while this turn is the session's last.
            id = GC.AllocateUninitializedArray<byte>(Encoding.UTF8.GetByteCount(responseId), pinned: true);
            Encoding.UTF8.GetBytes(responseId, id);
        }

        var figures = new TurnFigures
        {
            FullContext = result is null ? -1 : result.SentFullContext ? 1 : 0,
            Mode = _session.Mode == ResponsesTransportMode.Http ? 1 : 0,
            Retries = result?.Retries ?? -1,
            Connects = _session.Connects - _startConnects,
            Reconnects = _session.Reconnects - _startReconnects,
            Events = Volatile.Read(ref _events),
            BytesSent = result?.BytesSent ?? _session.BytesSent - _startSent,
            BytesReceived = result?.BytesReceived ?? _session.BytesReceived - _startReceived,
            InputTokens = usage?.InputTokens ?? -1,
            CachedTokens = usage?.InputTokensDetails?.CachedTokens ?? -1,
            OutputTokens = usage?.OutputTokens ?? -1,
            ReasoningTokens = usage?.OutputTokensDetails?.ReasoningTokens ?? -1,
            TotalTokens = usage?.TotalTokens ?? -1,
            ResponseId = id,
        };
        Volatile.Write(ref _final, figures);
    }

    /// <summary>
    /// Fills <paramref name="info"/> (every member of this ABI version; the export checked its size): the final figures
    /// once the caller saw the end and the runner published them, else the figures so far.
    /// </summary>
    public void Fill(ref PcTurnInfo info)
    {
        TurnFigures? final = Volatile.Read(ref _final);
        info.Done = CallerDone && final is not null ? 1 : 0;
        info.Status = CallerDone ? CallerStatus : PcStatus.Ok;
        if (final is null || !CallerDone)
        {
            // Running: only the live counters mean anything yet.
            info.FullContext = -1;
            info.Mode = _session.Mode == ResponsesTransportMode.Http ? 1 : 0;
            info.Retries = -1;
            info.Connects = 0;
            info.Reconnects = 0;
            info.Events = Volatile.Read(ref _events);
            info.BytesSent = Volatile.Read(ref _sent);
            info.BytesReceived = Volatile.Read(ref _received);
            info.InputTokens = info.CachedTokens = info.OutputTokens = info.ReasoningTokens = info.TotalTokens = -1;
            info.ResponseId = null;
            info.ResponseIdLength = 0;
            return;
        }

        info.FullContext = final.FullContext;
        info.Mode = final.Mode;
        info.Retries = final.Retries;
        info.Connects = final.Connects;
        info.Reconnects = final.Reconnects;
        info.Events = final.Events;
        info.BytesSent = final.BytesSent;
        info.BytesReceived = final.BytesReceived;
        info.InputTokens = final.InputTokens;
        info.CachedTokens = final.CachedTokens;
        info.OutputTokens = final.OutputTokens;
        info.ReasoningTokens = final.ReasoningTokens;
        info.TotalTokens = final.TotalTokens;
        if (final.ResponseId is { } id)
        {
            info.ResponseId = (byte*)System.Runtime.CompilerServices.Unsafe.AsPointer(ref System.Runtime.InteropServices.MemoryMarshal.GetArrayDataReference(id));
            info.ResponseIdLength = (nuint)id.Length;
        }
        else
        {
            info.ResponseId = null;
            info.ResponseIdLength = 0;
        }
    }

    /// <summary>A finished turn's figures, immutable once published.</summary>
    private sealed class TurnFigures
    {
        public int FullContext { get; init; }

        public int Mode { get; init; }

        public int Retries { get; init; }

        public int Connects { get; init; }

        public int Reconnects { get; init; }

        public long Events { get; init; }

        public long BytesSent { get; init; }

        public long BytesReceived { get; init; }

        public long InputTokens { get; init; }

        public long CachedTokens { get; init; }

        public long OutputTokens { get; init; }

        public long ReasoningTokens { get; init; }

        public long TotalTokens { get; init; }

        /// <summary>Pinned UTF-8; null when the turn had no terminal response id.</summary>
        public byte[]? ResponseId { get; init; }
    }
}
