using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace ProtocolCore.Generators.Tests;

/// <summary>One minimal trigger per PCG diagnostic: id, severity, message and the exact span of the offending name.</summary>
public sealed class GeneratorDiagnosticsTests
{
    private const string Usings = """
        using ProtocolCore.Json;

        namespace Demo;

        """;

    [Fact]
    public void PCG0001_UnsupportedMemberType() => Verify(
        """
        [JsonModel]
        public sealed partial class Sample
        {
            public System.DateTime [|When|] { get; set; }
        }
        """,
        "PCG0001",
        "Property 'When' of 'Sample' has type 'DateTime', which the ProtocolCore generator cannot serialise");

    [Fact]
    public void PCG0001_NullableListElement() => Verify(
        """
        [JsonModel]
        public sealed partial class Sample
        {
            public System.Collections.Generic.List<int?>? [|Values|] { get; set; }
        }
        """,
        "PCG0001",
        "Property 'Values' of 'Sample' has type 'List<int?>?', which the ProtocolCore generator cannot serialise");

    [Fact]
    public void PCG0002_TypeNotPartial() => Verify(
        """
        [JsonModel]
        public sealed class [|Sample|]
        {
        }
        """,
        "PCG0002",
        "Type 'Sample' must be declared partial so the generator can add its reader and writer");

    [Fact]
    public void PCG0003_NestedModel() => Verify(
        """
        public static partial class Outer
        {
            [JsonModel]
            public sealed partial class [|Inner|]
            {
            }
        }
        """,
        "PCG0003",
        "Type 'Inner' is nested or generic; declare it at namespace level without type parameters");

    [Fact]
    public void PCG0003_GenericModel() => Verify(
        """
        [JsonModel]
        public sealed partial class [|Box|]<T>
        {
        }
        """,
        "PCG0003",
        "Type 'Box' is nested or generic; declare it at namespace level without type parameters");

    [Fact]
    public void PCG0003_NestedEnum() => Verify(
        """
        public static class Outer
        {
            [JsonStringEnum]
            public enum [|Color|]
            {
                Red,
            }
        }
        """,
        "PCG0003",
        "Type 'Color' is nested or generic; declare it at namespace level without type parameters");

    [Fact]
    public void PCG0004_DuplicateJsonName() => Verify(
        """
        [JsonModel]
        public sealed partial class Sample
        {
            [JsonName("id")]
            public string? First { get; set; }

            [JsonName("id")]
            public string? [|Second|] { get; set; }
        }
        """,
        "PCG0004",
        "Property 'Second' of 'Sample' uses JSON name 'id', which another member already uses");

    [Fact]
    public void PCG0004_MemberClaimsTheDiscriminatorName() => Verify(
        """
        [JsonModel(Discriminator = "sample")]
        public sealed partial class Sample
        {
            public string? [|Type|] { get; set; }
        }
        """,
        "PCG0004",
        "Property 'Type' of 'Sample' uses JSON name 'type', which another member already uses");

    [Fact]
    public void PCG0005_NoParameterlessConstructor() => Verify(
        """
        [JsonModel]
        public sealed partial class [|Sample|]
        {
            public Sample(int value)
            {
            }
        }
        """,
        "PCG0005",
        "Type 'Sample' must be a non-abstract class with a parameterless constructor the generated reader can call");

    [Fact]
    public void PCG0005_AbstractModel() => Verify(
        """
        [JsonModel]
        public abstract partial class [|Sample|]
        {
        }
        """,
        "PCG0005",
        "Type 'Sample' must be a non-abstract class with a parameterless constructor the generated reader can call");

    [Fact]
    public void PCG0006_FallbackDoesNotDerive() => Verify(
        """
        [JsonUnion(Fallback = typeof(Other))]
        public abstract partial class [|Events|]
        {
        }

        public sealed class Other
        {
            public Other(string type, RawJson json)
            {
            }
        }
        """,
        "PCG0006",
        "Fallback 'Other' of union 'Events' must derive from it and either be a partial class declaring no constructor (the generator completes it) or have a constructor taking (string, ProtocolCore.Json.RawJson)");

    [Fact]
    public void PCG0006_FallbackWithoutRawJsonConstructor() => Verify(
        """
        [JsonUnion(Fallback = typeof(Other))]
        public abstract partial class [|Events|]
        {
        }

        public sealed class Other : Events
        {
            public Other(string type)
            {
            }

            public override EventsKind Kind => EventsKind.Unknown;

            public override void WriteJson(System.Text.Json.Utf8JsonWriter writer)
            {
            }
        }
        """,
        "PCG0006",
        "Fallback 'Other' of union 'Events' must derive from it and either be a partial class declaring no constructor (the generator completes it) or have a constructor taking (string, ProtocolCore.Json.RawJson)");

    [Fact]
    public void PCG0007_UnionNotAbstract() => Verify(
        """
        [JsonUnion]
        public partial class [|Events|]
        {
        }
        """,
        "PCG0007",
        "Union 'Events' must be an abstract partial class");

    [Fact]
    public void PCG0008_DuplicateDiscriminator() => Verify(
        """
        [JsonUnion]
        public abstract partial class Events
        {
        }

        [JsonModel(Discriminator = "same")]
        public sealed partial class First : Events
        {
        }

        [JsonModel(Discriminator = "same")]
        public sealed partial class [|Second|] : Events
        {
        }
        """,
        "PCG0008",
        "Cases 'global::Demo.First' and 'global::Demo.Second' of union 'Events' both use discriminator 'same'");

    [Fact]
    public void PCG0009_CaseWithoutDiscriminator() => Verify(
        """
        [JsonUnion]
        public abstract partial class Events
        {
        }

        [JsonModel]
        public sealed partial class [|Orphan|] : Events
        {
        }
        """,
        "PCG0009",
        "Type 'Orphan' derives from union 'Events' but its [JsonModel] sets no Discriminator");

    [Fact]
    public void PCG0010_NativeTableNeedsUnion() => Verify(
        """
        [ProtocolCore.Native.NativeEventKindTable(typeof(string))]
        internal static partial class [|Kinds|]
        {
        }
        """,
        "PCG0010",
        "'Kinds' names 'string', which is not a [JsonUnion] class");

    [Fact]
    public void PCG0011_MissingNativeEventKind() => Verify(
        """
        [JsonUnion]
        public abstract partial class Events
        {
        }

        [JsonModel(Discriminator = "started")]
        public sealed partial class Started : Events
        {
        }

        [ProtocolCore.Native.NativeEventKindTable(typeof(Events))]
        internal static partial class [|Kinds|]
        {
        }
        """,
        "PCG0011",
        "Event 'Started' of union 'Events' needs [NativeEventKind(n)] with n of 1 or more to be numbered in the native ABI");

    [Fact]
    public void PCG0011_NativeEventKindBelowOne() => Verify(
        """
        [JsonUnion]
        public abstract partial class Events
        {
        }

        [JsonModel(Discriminator = "started")]
        [NativeEventKind(0)]
        public sealed partial class Started : Events
        {
        }

        [ProtocolCore.Native.NativeEventKindTable(typeof(Events))]
        internal static partial class [|Kinds|]
        {
        }
        """,
        "PCG0011",
        "Event 'Started' of union 'Events' needs [NativeEventKind(n)] with n of 1 or more to be numbered in the native ABI");

    [Fact]
    public void PCG0012_DuplicateNativeEventKind() => Verify(
        """
        [JsonUnion]
        public abstract partial class Events
        {
        }

        [JsonModel(Discriminator = "first")]
        [NativeEventKind(7)]
        public sealed partial class First : Events
        {
        }

        [JsonModel(Discriminator = "second")]
        [NativeEventKind(7)]
        public sealed partial class Second : Events
        {
        }

        [ProtocolCore.Native.NativeEventKindTable(typeof(Events))]
        internal static partial class [|Kinds|]
        {
        }
        """,
        "PCG0012",
        "Events 'First' and 'Second' both declare native event kind 7");

    [Fact]
    public void PCG0013_UnmatchedFieldParameter() => Verify(
        """
        [JsonUnion]
        public abstract partial class Events
        {
        }

        [JsonModel(Discriminator = "started")]
        [NativeEventKind(1)]
        public sealed partial class Started : Events
        {
            public int? OutputIndex { get; set; }
        }

        [ProtocolCore.Native.NativeEventFieldReader(typeof(Events))]
        internal static partial class Fields
        {
            public static partial void Read(Events e, out int? outputIndex, out long? [|contentIndex|]);
        }
        """,
        "PCG0013",
        "Parameter 'contentIndex' of 'Read' matches no property 'ContentIndex' of type 'long?' on any case of 'Events'");

    [Fact]
    public void PragmaWarningDisableSuppressesAGeneratorDiagnostic()
    {
        // PCG diagnostics are errors, which no pragma can hide; a project that lowers one to a warning can then
        // suppress it in source. That only works for a location in the compilation's own tree (see Verify below).
        const string Model = """
            [JsonModel]
            public sealed partial class Sample
            {
                public System.DateTime When { get; set; }
            }
            """;

        Diagnostic reported = Assert.Single(RunAsWarning(Usings + Model), d => d.Id == "PCG0001");
        Assert.False(reported.IsSuppressed);
        Assert.Equal(DiagnosticSeverity.Warning, reported.Severity);

        Diagnostic suppressed = Assert.Single(
            RunAsWarning(Usings + "#pragma warning disable PCG0001\n" + Model + "\n#pragma warning restore PCG0001\n"),
            d => d.Id == "PCG0001");
        Assert.True(suppressed.IsSuppressed);

        static ImmutableArray<Diagnostic> RunAsWarning(string source)
        {
            CSharpCompilation compilation = CompilationHelper.CreateCompilation(source);
            compilation = compilation.WithOptions(compilation.Options.WithSpecificDiagnosticOptions(
                new Dictionary<string, ReportDiagnostic> { ["PCG0001"] = ReportDiagnostic.Warn }));
            return CompilationHelper.RunGenerator(compilation).GeneratorDiagnostics;
        }
    }

    [Fact]
    public void DiagnosticsPointAtLineAndColumnOfTheName()
    {
        // The markup checks spelled out once in numbers: "Sample" is on line 5, columns 21-26 (zero-based: 4, 20..26).
        GeneratorResult result = CompilationHelper.RunGenerator(Usings + "[JsonModel]\npublic sealed class Sample\n{\n}\n");

        FileLinePositionSpan span = Assert.Single(result.GeneratorDiagnostics).Location.GetLineSpan();
        Assert.Equal("Source0.cs", span.Path);
        Assert.Equal((4, 20), (span.StartLinePosition.Line, span.StartLinePosition.Character));
        Assert.Equal((4, 26), (span.EndLinePosition.Line, span.EndLinePosition.Character));
    }

    private static void Verify(string markup, string id, string message)
    {
        Markup expected = Markup.Parse(Usings + markup);

        // The native tables' attributes are internal to the native library; a second file declares them.
        GeneratorResult result = CompilationHelper.RunGenerator(expected.Source, TestSources.NativeTableAttributes);

        // A generator exception surfaces as CS8785 and an exception on the run result, not as a test failure.
        Assert.Empty(result.Exceptions);
        Assert.DoesNotContain(result.GeneratorDiagnostics, d => d.Id == "CS8785");

        Diagnostic diagnostic = Assert.Single(result.GeneratorDiagnostics);
        Assert.Equal(id, diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.Equal(message, diagnostic.GetMessage(CultureInfo.InvariantCulture));

        // Located in the compilation's own tree (not a path-only "external" location), so the editor and
        // #pragma warning disable can see it.
        Assert.True(diagnostic.Location.IsInSource);
        Assert.Same(result.OutputCompilation.SyntaxTrees.First(t => t.FilePath == "Source0.cs"), diagnostic.Location.SourceTree);

        FileLinePositionSpan lineSpan = diagnostic.Location.GetLineSpan();
        Assert.Equal("Source0.cs", lineSpan.Path);
        Assert.Equal(expected.Span, diagnostic.Location.SourceSpan);
        Assert.Equal(expected.Start, lineSpan.StartLinePosition);
    }
}
