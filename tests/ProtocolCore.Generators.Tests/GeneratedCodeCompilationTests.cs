using System.IO;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Emit;

namespace ProtocolCore.Generators.Tests;

/// <summary>
/// Generated code compiles to IL next to user code that calls every emitted entry point by name (behaviour is tested
/// in ProtocolCore.Tests); renaming any of them breaks this test.
/// </summary>
public sealed class GeneratedCodeCompilationTests
{
    private const string Usage = """
        using System.Collections.Generic;
        using System.Text.Json;
        using ProtocolCore.Json;

        namespace Demo;

        public static class Consumer
        {
            public static string Use(ref JsonScanner reader, JsonReadContext context, Utf8JsonWriter writer, JsonInstanceCache<StreamEvent> cache)
            {
                FlatEvent flat = FlatEvent.ReadJson(ref reader, context);
                flat.ReadJsonInto(ref reader, context);
                flat.WriteJson(writer);
                flat.WriteJsonMembers(writer);

                StreamEvent e = StreamEvent.ReadJson(ref reader, context, cache);
                StreamEventKind kind = e.Kind;
                int count = StreamEvent.CaseCount;
                IReadOnlyList<string> known = StreamEvent.KnownDiscriminators;
                string started = StartedEvent.JsonDiscriminator;
                e.WriteJson(writer);

                StringEnum<Status> status = StatusJson.Read(ref reader);
                StatusJson.Write(writer, status);
                bool parsed = StatusJson.TryParse("canceled"u8, out Status value);
                string text = StatusJson.ToJsonString(Status.Cancelled);

                Message message = Message.ReadJson(ref reader, context);
                message.WriteJson(writer);
                return $"{kind} {count} {known.Count} {started} {parsed} {value} {text}";
            }
        }
        """;

    [Fact]
    public void GeneratedCodeEmitsWithUserCodeCallingIt()
    {
        GeneratorResult result = CompilationHelper.RunGenerator(
            TestSources.FlatModel, TestSources.Union, TestSources.StringEnum, TestSources.RichModel, Usage);

        Assert.Empty(result.GeneratorDiagnostics);
        Assert.Empty(result.CompilationDiagnostics);
        using var stream = new MemoryStream();
        EmitResult emit = result.OutputCompilation.Emit(stream);
        Assert.True(emit.Success, string.Join("\n", emit.Diagnostics));
    }

    [Fact]
    public void NativeTablesAndAGeneratedFallbackEmitWithUserCodeCallingThem()
    {
        const string NativeUsage = """
            using ProtocolCore.Json;

            namespace Demo;

            internal static class NativeConsumer
            {
                public static string Use(StreamEvent e, RawJson json)
                {
                    int abiKind = StreamKinds.ToAbiKind(e.Kind);
                    string type = StreamKinds.GetTypeString(StreamKinds.MaxAbiKind);
                    StreamFields.Read(e, out string? id, out int? index, out Utf8Text? delta);
                    var other = new OtherEvent("later.kind", json);
                    return $"{abiKind} {type} {id} {index} {delta} {other.Type} {other.Json.Span.Length} {other.Kind}";
                }
            }
            """;

        GeneratorResult result = CompilationHelper.RunGenerator(TestSources.NativeTables, TestSources.NativeTableAttributes, NativeUsage);

        Assert.Empty(result.GeneratorDiagnostics);
        Assert.Empty(result.CompilationDiagnostics);
        using var stream = new MemoryStream();
        EmitResult emit = result.OutputCompilation.Emit(stream);
        Assert.True(emit.Success, string.Join("\n", emit.Diagnostics));
    }
}
