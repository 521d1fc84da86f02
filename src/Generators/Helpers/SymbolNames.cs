using Microsoft.CodeAnalysis;

namespace ProtocolCore.Generators.Helpers;

/// <summary>How the generators spell symbols in specs and generated code.</summary>
internal static class SymbolNames
{
    /// <summary><c>global::</c>-qualified, keywords for special types, escaped identifiers.</summary>
    public static SymbolDisplayFormat FullyQualified { get; } = SymbolDisplayFormat.FullyQualifiedFormat
        .WithMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.UseSpecialTypes | SymbolDisplayMiscellaneousOptions.EscapeKeywordIdentifiers);

    /// <summary><see cref="FullyQualified"/> keeping <c>?</c> on nullable reference types, for signatures that must match a declaration.</summary>
    public static SymbolDisplayFormat FullyQualifiedWithNullability { get; } = FullyQualified
        .AddMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier);

    public static string GetNamespace(INamedTypeSymbol type) =>
        type.ContainingNamespace is { IsGlobalNamespace: false } ns ? ns.ToDisplayString() : string.Empty;

    public static string AccessibilityText(Accessibility accessibility) => accessibility switch
    {
        Accessibility.Public => "public",
        Accessibility.Private => "private",
        _ => "internal",
    };

    public static bool HasAttribute(ISymbol symbol, string attributeName)
    {
        foreach (AttributeData attribute in symbol.GetAttributes())
        {
            if (attribute.AttributeClass?.ToDisplayString() == attributeName)
            {
                return true;
            }
        }

        return false;
    }
}
