using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using ProtocolCore.Generators.Helpers;
using ProtocolCore.Generators.Model;

namespace ProtocolCore.Generators;

public sealed partial class NativeEventTableGenerator
{
    /// <summary>
    /// Turns a table declaration and the union's cases into specs. Every Roslyn object stays inside this class: what
    /// leaves it is strings, ints, bools and equatable arrays.
    /// </summary>
    internal static class Parser
    {
        public const string KindTableAttributeName = "ProtocolCore.Native.NativeEventKindTableAttribute";
        public const string FieldReaderAttributeName = "ProtocolCore.Native.NativeEventFieldReaderAttribute";
        private const string JsonUnionAttributeName = "ProtocolCore.Json.JsonUnionAttribute";
        private const string JsonModelAttributeName = "ProtocolCore.Json.JsonModelAttribute";
        private const string NativeEventKindAttributeName = "ProtocolCore.Json.NativeEventKindAttribute";

        public static ParseResult<EventKindTableSpec> ParseKindTable(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
        {
            var type = (INamedTypeSymbol)context.TargetSymbol;
            var syntax = (ClassDeclarationSyntax)context.TargetNode;
            var diagnostics = new List<DiagnosticInfo>();
            INamedTypeSymbol? union = GetUnion(context, type, syntax, diagnostics);
            if (union is null)
            {
                return new ParseResult<EventKindTableSpec>(null, diagnostics.ToImmutableEquatableArray());
            }

            // Only the kind table reports missing and duplicate numbers, so a library with both tables reports each once.
            List<EventCase> events = CollectEvents(union, syntax.Identifier.GetLocation(), diagnostics, cancellationToken);
            var spec = new EventKindTableSpec(
                SymbolNames.GetNamespace(type),
                type.Name,
                type.IsStatic,
                KindEnumName(union),
                events.Select(e => e.Spec).ToImmutableEquatableArray());
            return new ParseResult<EventKindTableSpec>(spec, diagnostics.ToImmutableEquatableArray());
        }

        public static ParseResult<EventFieldReaderSpec> ParseFieldReader(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
        {
            var type = (INamedTypeSymbol)context.TargetSymbol;
            var syntax = (ClassDeclarationSyntax)context.TargetNode;
            var diagnostics = new List<DiagnosticInfo>();
            INamedTypeSymbol? union = GetUnion(context, type, syntax, diagnostics);
            if (union is null)
            {
                return new ParseResult<EventFieldReaderSpec>(null, diagnostics.ToImmutableEquatableArray());
            }

            List<EventCase> events = CollectEvents(union, syntax.Identifier.GetLocation(), diagnostics: null, cancellationToken);
            var methods = new List<FieldReaderMethodSpec>();
            foreach (ISymbol member in type.GetMembers())
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (member is IMethodSymbol method && IsFieldReader(method, union))
                {
                    methods.Add(ParseFieldReaderMethod(method, union, events, diagnostics));
                }
            }

            var spec = new EventFieldReaderSpec(
                SymbolNames.GetNamespace(type),
                type.Name,
                type.IsStatic,
                KindEnumName(union),
                methods.ToImmutableEquatableArray());
            return new ParseResult<EventFieldReaderSpec>(spec, diagnostics.ToImmutableEquatableArray());
        }

        // static partial void Name(Union e, out T1 a, ...), declared and not yet implemented.
        private static bool IsFieldReader(IMethodSymbol method, INamedTypeSymbol union) =>
            method is { IsPartialDefinition: true, PartialImplementationPart: null, IsStatic: true, ReturnsVoid: true }
            && method.Parameters.Length >= 2
            && method.Parameters[0].RefKind == RefKind.None
            && SymbolEqualityComparer.Default.Equals(method.Parameters[0].Type, union)
            && method.Parameters.Skip(1).All(p => p.RefKind == RefKind.Out);

        private static FieldReaderMethodSpec ParseFieldReaderMethod(IMethodSymbol method, INamedTypeSymbol union, List<EventCase> events, List<DiagnosticInfo> diagnostics)
        {
            var outputs = new List<FieldParameterSpec>();
            foreach (IParameterSymbol parameter in method.Parameters.Skip(1))
            {
                string propertyName = char.ToUpperInvariant(parameter.Name[0]) + parameter.Name.Substring(1);
                outputs.Add(new FieldParameterSpec(parameter.Name, parameter.Type.ToDisplayString(SymbolNames.FullyQualifiedWithNullability), propertyName));
            }

            var cases = new List<FieldReaderCaseSpec>();
            var used = new HashSet<string>();
            foreach (EventCase e in events)
            {
                var assigned = outputs.Where(o => HasProperty(e.Type, o.PropertyName, o.TypeName)).ToList();
                if (assigned.Count > 0)
                {
                    cases.Add(new FieldReaderCaseSpec(e.Spec.FullyQualifiedName, e.Spec.KindMemberName, assigned.ToImmutableEquatableArray()));
                    used.UnionWith(assigned.Select(o => o.Name));
                }
            }

            // A parameter no event fills is a typo or a stale name: it would silently always be default.
            for (int i = 0; i < outputs.Count; i++)
            {
                if (!used.Contains(outputs[i].Name))
                {
                    diagnostics.Add(DiagnosticInfo.Create(
                        DiagnosticDescriptors.UnmatchedFieldParameter,
                        method.Parameters[i + 1].Locations.FirstOrDefault(),
                        outputs[i].Name,
                        method.Name,
                        outputs[i].PropertyName,
                        method.Parameters[i + 1].Type.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat.AddMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier)),
                        union.Name));
                }
            }

            return new FieldReaderMethodSpec(
                SymbolNames.AccessibilityText(method.DeclaredAccessibility),
                method.Name,
                union.ToDisplayString(SymbolNames.FullyQualified),
                method.Parameters[0].Name,
                outputs.ToImmutableEquatableArray(),
                cases.ToImmutableEquatableArray());
        }

        private static bool HasProperty(INamedTypeSymbol type, string name, string typeName)
        {
            for (INamedTypeSymbol? t = type; t is not null; t = t.BaseType)
            {
                foreach (ISymbol member in t.GetMembers(name))
                {
                    if (member is IPropertySymbol { IsStatic: false, IsIndexer: false, DeclaredAccessibility: Accessibility.Public, GetMethod: not null } property)
                    {
                        return property.Type.ToDisplayString(SymbolNames.FullyQualifiedWithNullability) == typeName;
                    }
                }
            }

            return false;
        }

        private static INamedTypeSymbol? GetUnion(GeneratorAttributeSyntaxContext context, INamedTypeSymbol type, ClassDeclarationSyntax syntax, List<DiagnosticInfo> diagnostics)
        {
            if (!DeclarationRules.Check(type, syntax, diagnostics))
            {
                return null;
            }

            AttributeData attribute = context.Attributes[0];
            if (attribute.ConstructorArguments.Length == 1
                && attribute.ConstructorArguments[0].Value is INamedTypeSymbol union
                && SymbolNames.HasAttribute(union, JsonUnionAttributeName))
            {
                return union;
            }

            string named = attribute.ConstructorArguments.Length == 1 && attribute.ConstructorArguments[0].Value is ITypeSymbol t
                ? t.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat)
                : "nothing";
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NativeTableNeedsUnion, syntax.Identifier.GetLocation(), type.Name, named));
            return null;
        }

        /// <summary>
        /// Every case of <paramref name="union"/> (a concrete class deriving from it with a <c>[JsonModel]</c>
        /// discriminator; the fallback has none) that declares a valid native kind, ordered by that kind.
        /// </summary>
        private static List<EventCase> CollectEvents(INamedTypeSymbol union, Location location, List<DiagnosticInfo>? diagnostics, CancellationToken cancellationToken)
        {
            var events = new List<EventCase>();
            var byKind = new Dictionary<int, INamedTypeSymbol>();
            foreach (INamedTypeSymbol type in TypesOf(union.ContainingAssembly.GlobalNamespace))
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (type.IsAbstract || !DerivesFrom(type, union) || GetDiscriminator(type) is not string discriminator)
                {
                    continue;
                }

                int kind = GetNativeKind(type);
                if (kind < 1)
                {
                    diagnostics?.Add(DiagnosticInfo.Create(DiagnosticDescriptors.MissingNativeEventKind, location, type.Name, union.Name));
                    continue;
                }

                if (byKind.TryGetValue(kind, out INamedTypeSymbol? first))
                {
                    diagnostics?.Add(DiagnosticInfo.Create(DiagnosticDescriptors.DuplicateNativeEventKind, location, first.Name, type.Name, GeneratedText.Number(kind)));
                    continue;
                }

                byKind.Add(kind, type);
                events.Add(new EventCase(
                    type,
                    new NativeEventSpec(type.ToDisplayString(SymbolNames.FullyQualified), UnionNaming.KindMemberName(type.Name), discriminator, kind)));
            }

            events.Sort(static (a, b) => a.Spec.NativeKind.CompareTo(b.Spec.NativeKind));
            return events;
        }

        private static IEnumerable<INamedTypeSymbol> TypesOf(INamespaceSymbol ns)
        {
            foreach (INamedTypeSymbol type in ns.GetTypeMembers())
            {
                yield return type;
            }

            foreach (INamespaceSymbol child in ns.GetNamespaceMembers())
            {
                foreach (INamedTypeSymbol type in TypesOf(child))
                {
                    yield return type;
                }
            }
        }

        private static bool DerivesFrom(INamedTypeSymbol type, INamedTypeSymbol union)
        {
            for (INamedTypeSymbol? b = type.BaseType; b is not null; b = b.BaseType)
            {
                if (SymbolEqualityComparer.Default.Equals(b, union))
                {
                    return true;
                }
            }

            return false;
        }

        private static string? GetDiscriminator(INamedTypeSymbol type)
        {
            foreach (AttributeData attribute in type.GetAttributes())
            {
                if (attribute.AttributeClass?.ToDisplayString() == JsonModelAttributeName)
                {
                    foreach (KeyValuePair<string, TypedConstant> argument in attribute.NamedArguments)
                    {
                        if (argument.Key == "Discriminator" && argument.Value.Value is string value)
                        {
                            return value;
                        }
                    }
                }
            }

            return null;
        }

        private static int GetNativeKind(INamedTypeSymbol type)
        {
            foreach (AttributeData attribute in type.GetAttributes())
            {
                if (attribute.AttributeClass?.ToDisplayString() == NativeEventKindAttributeName
                    && attribute.ConstructorArguments.Length == 1
                    && attribute.ConstructorArguments[0].Value is int kind)
                {
                    return kind;
                }
            }

            return 0;
        }

        private static string KindEnumName(INamedTypeSymbol union)
        {
            string ns = SymbolNames.GetNamespace(union);
            return "global::" + (ns.Length == 0 ? string.Empty : ns + ".") + UnionNaming.KindEnumName(union.Name);
        }

        /// <summary>A case with its symbol, which the field reader still needs; never leaves the parser.</summary>
        private readonly struct EventCase
        {
            public EventCase(INamedTypeSymbol type, NativeEventSpec spec)
            {
                Type = type;
                Spec = spec;
            }

            public INamedTypeSymbol Type { get; }

            public NativeEventSpec Spec { get; }
        }
    }
}
