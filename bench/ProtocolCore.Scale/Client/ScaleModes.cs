using System;
using System.Collections.Generic;
using ProtocolCore.WebSockets;

namespace ProtocolCore.Scale.Client;

/// <summary>The client modes by name. Adding a mode is one <see cref="ScaleSession"/> subclass and one line here.</summary>
internal static class ScaleModes
{
    public static IReadOnlyList<string> Names { get; } = ["raw", "anchor", "ours-owned", "ours-view", "ours-owned-loop", "ours-view-loop"];

    public static ScaleSession Create(string mode, ScaleSessionContext context) => mode switch
    {
        "raw" => new RawSocketSession(context),
        "anchor" => new AnchorSession(context),
        "ours-owned" => new OursSession(context, views: false),
        "ours-view" => new OursSession(context, views: true),
        "ours-owned-loop" => new OursSession(context, views: false, WebSocketIoMode.EventLoop),
        "ours-view-loop" => new OursSession(context, views: true, WebSocketIoMode.EventLoop),
        _ => throw new ArgumentException($"Unknown mode {mode}; known: {string.Join(", ", Names)}."),
    };
}
