using System;
using System.Collections.Generic;

namespace ProtocolCore.Scale.Client;

/// <summary>The client modes by name. Adding a mode is one <see cref="ScaleSession"/> subclass and one line here.</summary>
internal static class ScaleModes
{
    public static IReadOnlyList<string> Names { get; } = ["raw", "anchor", "ours-owned", "ours-view"];

    public static ScaleSession Create(string mode, ScaleSessionContext context) => mode switch
    {
        "raw" => new RawSocketSession(context),
        "anchor" => new AnchorSession(context),
        "ours-owned" => new OursSession(context, views: false),
        "ours-view" => new OursSession(context, views: true),
        _ => throw new ArgumentException($"Unknown mode {mode}; known: {string.Join(", ", Names)}."),
    };
}
