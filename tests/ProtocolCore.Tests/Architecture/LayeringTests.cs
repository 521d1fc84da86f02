using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using ProtocolCore.Client;
using ProtocolCore.Native;
using Xunit;

namespace ProtocolCore.Tests.Architecture;

/// <summary>
/// The "nevers" of the layering (DESIGN.md §1–2), checked on the compiled assemblies: the wire knows nothing of events
/// or sessions, the event model nothing of the wire or sessions, the JSON runtime nothing of events; the library and
/// the native library ship without the emulator or the command line.
/// </summary>
public class LayeringTests
{
    private static readonly Assembly s_library = typeof(ResponsesSession).Assembly;

    public static TheoryData<string, string> ForbiddenNamespaceUses => new()
    {
        { "ProtocolCore.WebSockets", "ProtocolCore.Client" },
        { "ProtocolCore.WebSockets", "ProtocolCore.Events" },
        { "ProtocolCore.Events", "ProtocolCore.WebSockets" },
        { "ProtocolCore.Events", "ProtocolCore.Client" },
        { "ProtocolCore.Json", "ProtocolCore.Events" },
    };

    [Theory]
    [MemberData(nameof(ForbiddenNamespaceUses))]
    public void Namespace_DoesNotUse(string user, string used)
    {
        List<string> violations = Violations(s_library, user, used);
        Assert.True(violations.Count == 0, $"{user} must not use {used}:\n" + string.Join("\n", violations));
    }

    [Fact]
    public void TheWalk_FindsADependencyHiddenInAMethodBody()
    {
        // The test's own guard: a use only inside an async method's body (its state machine) is still found.
        HashSet<Type> uses = TypeDependencies.Of(typeof(ResponsesConnection).GetNestedTypes(BindingFlags.NonPublic)
            .Single(t => t.Name == "ResponseStream").GetNestedTypes(BindingFlags.NonPublic)
            .Single(t => t.Name.Contains("SendRequestAsync", StringComparison.Ordinal)));
        Assert.Contains(typeof(ProtocolCore.WebSockets.WebSocketConnection), uses);
        Assert.NotEmpty(Violations(s_library, "ProtocolCore.Client", "ProtocolCore.WebSockets"));
    }

    [Theory]
    [InlineData("ProtocolCore.Emulator")]
    [InlineData("protocolcore")]
    public void TheLibraries_DoNotReference(string assembly)
    {
        Assert.DoesNotContain(s_library.GetReferencedAssemblies(), name => name.Name == assembly);
        Assert.DoesNotContain(typeof(ProtocolCodec).Assembly.GetReferencedAssemblies(), name => name.Name == assembly);
    }

    private static List<string> Violations(Assembly assembly, string user, string used)
    {
        var violations = new List<string>();
        foreach (Type type in assembly.GetTypes())
        {
            if (!InNamespace(type, user))
            {
                continue;
            }

            foreach (Type dependency in TypeDependencies.Of(type))
            {
                if (InNamespace(dependency, used))
                {
                    violations.Add($"{type.FullName} uses {dependency.FullName}");
                }
            }
        }

        return violations;
    }

    private static bool InNamespace(Type type, string name) =>
        type.Namespace is { } ns && (ns == name || ns.StartsWith(name + ".", StringComparison.Ordinal));
}
