using System.Runtime.CompilerServices;

namespace ProtocolCore.Generators.Tests;

/// <summary>Baselines of the generated text: any change to the emitter shows up as a reviewed diff.</summary>
public sealed class GeneratorOutputTests
{
    [Fact]
    public void FlatModel() => VerifyBaselines(TestSources.FlatModel);

    [Fact]
    public void UnionWithFallback() => VerifyBaselines(TestSources.Union);

    [Fact]
    public void StringEnumWithOverride() => VerifyBaselines(TestSources.StringEnum);

    [Fact]
    public void ModelWithCollectionsAndNestedTypes() => VerifyBaselines(TestSources.RichModel);

    [Fact]
    public void ModelWithReusedMembers() => VerifyBaselines(TestSources.ReusedMembers);

    [Fact]
    public void NativeEventTables() => VerifyBaselinesOf(nameof(NativeEventTables), TestSources.NativeTables, TestSources.NativeTableAttributes);

    private static void VerifyBaselines(string source, [CallerMemberName] string testName = "") => VerifyBaselinesOf(testName, source);

    private static void VerifyBaselinesOf(string testName, params string[] sources)
    {
        GeneratorResult result = CompilationHelper.RunGenerator(sources);

        Assert.Empty(result.GeneratorDiagnostics);
        Assert.Empty(result.CompilationDiagnostics);
        BaselineVerifier.Verify(testName, result.GeneratedSources);
    }
}
