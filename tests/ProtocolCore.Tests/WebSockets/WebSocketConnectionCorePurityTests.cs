using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using ProtocolCore.Tests.Architecture;
using ProtocolCore.WebSockets;

namespace ProtocolCore.Tests.WebSockets;

/// <summary>
/// The connection core stays sans-IO (DESIGN.md §1): checked on the compiled types, it touches no stream, socket, pipe
/// or task and reads no clock; the shells do that. Its one synchronisation is the pong queue's lock and volatile reads.
/// </summary>
public class WebSocketConnectionCorePurityTests
{
    private static readonly string[] s_forbiddenNamespaces = ["System.IO", "System.Net", "System.Threading.Tasks", "System.Threading.Channels"];

    private static readonly Type[] s_forbiddenTypes =
    [
        typeof(Environment), typeof(Stopwatch), typeof(DateTime), typeof(DateTimeOffset), typeof(TimeProvider),
        typeof(System.Threading.Timer), typeof(System.Threading.Thread), typeof(System.Threading.SemaphoreSlim),
        typeof(System.Threading.CancellationToken), typeof(WebSocketConnection),
    ];

    public static TheoryData<Type> CoreTypes => new()
    {
        typeof(WebSocketConnectionCore),
        typeof(WebSocketKeepAlive),
        typeof(WebSocketPongQueue),
    };

    [Theory]
    [MemberData(nameof(CoreTypes))]
    public void TheCore_UsesNoIO_NoTasks_AndNoClock(Type type)
    {
        HashSet<Type> uses = TypeDependencies.Of(type);

        string[] violations = uses
            .Where(used => s_forbiddenTypes.Contains(used)
                || s_forbiddenNamespaces.Any(ns => used.Namespace == ns || used.Namespace?.StartsWith(ns + ".", StringComparison.Ordinal) == true))
            .Select(used => used.FullName ?? used.Name)
            .ToArray();
        Assert.True(violations.Length == 0, $"{type.Name} must stay sans-IO but uses: {string.Join(", ", violations)}");
    }

    [Fact]
    public void TheCheck_FindsAClockReadInAMethodBody()
    {
        // The test's own guard: the connection, the core's I/O shell, reads Environment.TickCount64 for its keep-alive.
        Type[] shell = [typeof(WebSocketConnection), .. typeof(WebSocketConnection).GetNestedTypes(System.Reflection.BindingFlags.NonPublic)];
        Assert.Contains(typeof(Environment), shell.SelectMany(TypeDependencies.Of));
    }
}
