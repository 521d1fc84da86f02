using System;
using System.Collections.Generic;
using System.Threading;
using ProtocolCore.Json;

namespace ProtocolCore.Client;

/// <summary>
/// The process's view decoders (<see cref="ViewDecoder"/>), lent per event: a turn holds one from the decode of an
/// event until its caller asks for the next one, which on a caller that keeps up is the time its loop body takes. So a
/// handful serves a thousand streaming sessions, stays warm (its instances were read into by the last event of that
/// kind, whoever's), and a session coming back from idle builds none: a decoder per turn held ~13 KB for the whole
/// turn, built anew (~10 KB of first-decode objects) by each session that woke past what the pool kept.
/// </summary>
/// <remarks>
/// One decoder cached per thread (a session's events are decoded and consumed on the thread its receive completes on:
/// the decoder an event loop thread returned serves that loop's next socket), then a shared stack of
/// <see cref="Capacity"/>; a decoder returned past both is disposed.
/// </remarks>
internal static class ViewDecoderPool
{
    /// <summary>Decoders kept beyond each thread's own: enough for the callers of every core holding one at once.</summary>
    public static readonly int Capacity = 4 * Environment.ProcessorCount;

    [ThreadStatic]
    private static ViewDecoder? t_decoder;

    private static readonly Lock s_gate = new();
    private static readonly Stack<ViewDecoder> s_decoders = new();

    /// <summary>How many decoders the shared stack holds (tests).</summary>
    internal static int Count
    {
        get
        {
            lock (s_gate)
            {
                return s_decoders.Count;
            }
        }
    }

    /// <summary>A decoder for a turn's next event, reading strings through <paramref name="strings"/>.</summary>
    public static ViewDecoder Rent(Utf8StringCache strings)
    {
        ViewDecoder? decoder = t_decoder;
        if (decoder is not null)
        {
            t_decoder = null;
        }
        else
        {
            lock (s_gate)
            {
                s_decoders.TryPop(out decoder);
            }

            decoder ??= new ViewDecoder();
        }

        decoder.Attach(strings);
        return decoder;
    }

    /// <summary>The view <paramref name="decoder"/> decoded is no longer used: it serves the next event, anyone's.</summary>
    public static void Return(ViewDecoder decoder)
    {
        decoder.Detach();
        if (t_decoder is null)
        {
            t_decoder = decoder;
            return;
        }

        lock (s_gate)
        {
            if (s_decoders.Count < Capacity)
            {
                s_decoders.Push(decoder);
                return;
            }
        }

        decoder.Dispose();
    }
}
