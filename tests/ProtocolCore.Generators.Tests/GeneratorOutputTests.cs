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

    private static void VerifyBaselines(string source, [CallerMemberName] string testName = "")
    {
        GeneratorResult result = CompilationHelper.RunGenerator(source);

        Assert.Empty(result.GeneratorDiagnostics);
        Assert.Empty(result.CompilationDiagnostics);
        BaselineVerifier.Verify(testName, result.GeneratedSources);
    }
}
