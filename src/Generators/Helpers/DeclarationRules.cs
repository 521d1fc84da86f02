using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace ProtocolCore.Generators.Helpers;

/// <summary>What every class the generators add members to must be: partial, top-level and non-generic.</summary>
internal static class DeclarationRules
{
    /// <summary>Adds PCG0002 or PCG0003 and returns false when <paramref name="type"/> cannot take generated members.</summary>
    public static bool Check(INamedTypeSymbol type, ClassDeclarationSyntax syntax, List<DiagnosticInfo> diagnostics)
    {
        if (!syntax.Modifiers.Any(SyntaxKind.PartialKeyword))
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.TypeNotPartial, syntax.Identifier.GetLocation(), type.Name));
            return false;
        }

        if (type.ContainingType is not null || type.IsGenericType)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NestedOrGenericType, syntax.Identifier.GetLocation(), type.Name));
            return false;
        }

        return true;
    }
}
