using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using ProtocolCore.Generators.Helpers;
using ProtocolCore.Generators.Model;

namespace ProtocolCore.Generators;

public sealed partial class JsonModelGenerator
{
    /// <summary>
    /// Turns attributed declarations into specs. Every Roslyn object (symbols, syntax, locations) stays inside this class:
    /// what leaves it is strings, bools and equatable arrays.
    /// </summary>
    internal static class Parser
    {
        private const string JsonModelAttributeName = "ProtocolCore.Json.JsonModelAttribute";
        private const string JsonUnionAttributeName = "ProtocolCore.Json.JsonUnionAttribute";
        private const string JsonStringEnumAttributeName = "ProtocolCore.Json.JsonStringEnumAttribute";
        private const string JsonStringValueAttributeName = "ProtocolCore.Json.JsonStringValueAttribute";
        private const string JsonNameAttributeName = "ProtocolCore.Json.JsonNameAttribute";
        private const string Utf8TextName = "global::ProtocolCore.Json.Utf8Text";
        private const string RawJsonName = "global::ProtocolCore.Json.RawJson";
        private const string ExtensionDataName = "global::ProtocolCore.Json.JsonExtensionData";
        private const string StringEnumName = "global::ProtocolCore.Json.StringEnum<TEnum>";
        private const string JsonValueInterfaceName = "global::ProtocolCore.Json.IJsonValue<TSelf>";
        private const string ScannerName = "global::ProtocolCore.Json.JsonScanner";
        private const string ReadContextName = "global::ProtocolCore.Json.JsonReadContext";
        private const string InstanceCacheName = "global::ProtocolCore.Json.JsonInstanceCache<TUnion>";
        private const string ListName = "global::System.Collections.Generic.List<T>";
        private const string DictionaryName = "global::System.Collections.Generic.Dictionary<TKey, TValue>";

        private static readonly SymbolDisplayFormat s_fullyQualified = SymbolNames.FullyQualified;

        public static ParseResult<ModelSpec> ParseModel(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
        {
            var type = (INamedTypeSymbol)context.TargetSymbol;
            var syntax = (ClassDeclarationSyntax)context.TargetNode;
            var diagnostics = new List<DiagnosticInfo>();
            string name = type.Name;

            if (!DeclarationRules.Check(type, syntax, diagnostics))
            {
                return new ParseResult<ModelSpec>(null, diagnostics.ToImmutableEquatableArray());
            }

            if (type.IsAbstract || !type.InstanceConstructors.Any(c => c.Parameters.Length == 0 && c.DeclaredAccessibility is Accessibility.Public or Accessibility.Internal))
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.MissingParameterlessConstructor, syntax.Identifier.GetLocation(), name));
                return new ParseResult<ModelSpec>(null, diagnostics.ToImmutableEquatableArray());
            }

            string? discriminator = null;
            foreach (KeyValuePair<string, TypedConstant> argument in context.Attributes[0].NamedArguments)
            {
                if (argument.Key == "Discriminator" && argument.Value.Value is string value)
                {
                    discriminator = value;
                }
            }

            INamedTypeSymbol? unionBase = null;
            for (INamedTypeSymbol? b = type.BaseType; b is not null; b = b.BaseType)
            {
                if (SymbolNames.HasAttribute(b, JsonUnionAttributeName))
                {
                    unionBase = b;
                    break;
                }
            }

            if (unionBase is not null && discriminator is null)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.CaseWithoutDiscriminator, syntax.Identifier.GetLocation(), name, unionBase.Name));
            }

            var members = new List<MemberSpec>();
            var seenProperties = new HashSet<string>();
            var seenJsonNames = new HashSet<string>();
            string? extensionData = null;
            bool valid = true;
            if (discriminator is not null)
            {
                // The discriminator is written by the model itself; a member may not claim the name.
                seenJsonNames.Add("type");
            }

            int depth = 0;
            for (INamedTypeSymbol? t = type; t is not null && t.SpecialType != SpecialType.System_Object; t = t.BaseType, depth++)
            {
                foreach (ISymbol symbol in t.GetMembers())
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    if (symbol is not IPropertySymbol property
                        || property.IsStatic
                        || property.IsIndexer
                        || property.DeclaredAccessibility != Accessibility.Public
                        || property.GetMethod is null
                        || property.SetMethod is null
                        || property.SetMethod.IsInitOnly
                        || property.SetMethod.DeclaredAccessibility != Accessibility.Public
                        || !seenProperties.Add(property.Name))
                    {
                        continue;
                    }

                    string declaredType = property.Type.ToDisplayString(s_fullyQualified);
                    if (declaredType == ExtensionDataName)
                    {
                        extensionData = property.Name;
                        continue;
                    }

                    string jsonName = GetJsonName(property);
                    Location? location = property.Locations.FirstOrDefault();
                    if (!seenJsonNames.Add(jsonName))
                    {
                        diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.DuplicateJsonName, location, property.Name, name, jsonName));
                        valid = false;
                        continue;
                    }

                    ITypeSymbol memberType = property.Type;
                    bool isNullable = false;
                    if (memberType is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable)
                    {
                        memberType = nullable.TypeArguments[0];
                        isNullable = true;
                    }
                    else if (memberType.IsReferenceType && memberType.NullableAnnotation != NullableAnnotation.NotAnnotated)
                    {
                        isNullable = true;
                    }

                    ValueSpec? value = Classify(memberType, allowCollections: true, type.ContainingAssembly);
                    if (value is null)
                    {
                        diagnostics.Add(DiagnosticInfo.Create(
                            DiagnosticDescriptors.UnsupportedMemberType,
                            location,
                            property.Name,
                            name,
                            property.Type.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat)));
                        valid = false;
                        continue;
                    }

                    members.Add(new MemberSpec(
                        property.Name,
                        jsonName,
                        value,
                        isNullable,
                        property.Type.WithNullableAnnotation(NullableAnnotation.None).ToDisplayString(s_fullyQualified),
                        depth));
                }
            }

            if (!valid)
            {
                return new ParseResult<ModelSpec>(null, diagnostics.ToImmutableEquatableArray());
            }

            string? unionBaseName = unionBase?.ToDisplayString(s_fullyQualified);
            var spec = new ModelSpec(
                Namespace: SymbolNames.GetNamespace(type),
                TypeName: name,
                FullyQualifiedName: type.ToDisplayString(s_fullyQualified),
                Accessibility: SymbolNames.AccessibilityText(type.DeclaredAccessibility),
                Discriminator: discriminator,
                UnionBase: unionBase is null || discriminator is null ? null : unionBaseName,
                UnionKindEnum: unionBase is null ? null : UnionNaming.KindEnumName(unionBaseName!),
                KindMemberName: UnionNaming.KindMemberName(name),
                Members: members.ToImmutableEquatableArray(),
                ExtensionDataMember: extensionData);
            return new ParseResult<ModelSpec>(spec, diagnostics.ToImmutableEquatableArray());
        }

        public static ParseResult<UnionSpec> ParseUnion(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
        {
            var type = (INamedTypeSymbol)context.TargetSymbol;
            var syntax = (ClassDeclarationSyntax)context.TargetNode;
            var diagnostics = new List<DiagnosticInfo>();
            if (!DeclarationRules.Check(type, syntax, diagnostics))
            {
                return new ParseResult<UnionSpec>(null, diagnostics.ToImmutableEquatableArray());
            }

            if (!type.IsAbstract)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnionNotAbstract, syntax.Identifier.GetLocation(), type.Name));
                return new ParseResult<UnionSpec>(null, diagnostics.ToImmutableEquatableArray());
            }

            string? fallback = null;
            FallbackSpec? generatedFallback = null;
            foreach (KeyValuePair<string, TypedConstant> argument in context.Attributes[0].NamedArguments)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (argument.Key == "Fallback" && argument.Value.Value is INamedTypeSymbol fallbackType)
                {
                    bool derives = false;
                    for (INamedTypeSymbol? b = fallbackType.BaseType; b is not null; b = b.BaseType)
                    {
                        derives |= SymbolEqualityComparer.Default.Equals(b, type);
                    }

                    bool hasConstructor = fallbackType.InstanceConstructors.Any(c =>
                        c.Parameters.Length == 2
                        && c.Parameters[0].Type.SpecialType == SpecialType.System_String
                        && c.Parameters[1].Type.ToDisplayString(s_fullyQualified) == RawJsonName);
                    bool generate = !hasConstructor && CanGenerateFallback(fallbackType);
                    if (!derives || !(hasConstructor || generate))
                    {
                        diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidUnionFallback, syntax.Identifier.GetLocation(), fallbackType.Name, type.Name));
                        return new ParseResult<UnionSpec>(null, diagnostics.ToImmutableEquatableArray());
                    }

                    fallback = fallbackType.ToDisplayString(s_fullyQualified);
                    if (generate)
                    {
                        string unionNamespace = SymbolNames.GetNamespace(type);
                        generatedFallback = new FallbackSpec(
                            SymbolNames.GetNamespace(fallbackType),
                            fallbackType.Name,
                            "global::" + (unionNamespace.Length == 0 ? string.Empty : unionNamespace + ".") + UnionNaming.KindEnumName(type.Name),
                            OverridesType: type.GetMembers("Type").OfType<IPropertySymbol>().Any(p => p.IsAbstract || p.IsVirtual));
                    }
                }
            }

            var spec = new UnionSpec(
                SymbolNames.GetNamespace(type),
                type.Name,
                type.ToDisplayString(s_fullyQualified),
                SymbolNames.AccessibilityText(type.DeclaredAccessibility),
                fallback)
            {
                GeneratedFallback = generatedFallback,
            };
            return new ParseResult<UnionSpec>(spec, diagnostics.ToImmutableEquatableArray());
        }

        // A partial, top-level, non-generic class that declares no constructor: the generator writes its members.
        private static bool CanGenerateFallback(INamedTypeSymbol fallback) =>
            fallback.ContainingType is null
            && !fallback.IsGenericType
            && fallback.InstanceConstructors.All(c => c.IsImplicitlyDeclared)
            && fallback.DeclaringSyntaxReferences.Length > 0
            && fallback.DeclaringSyntaxReferences.All(r => r.GetSyntax() is ClassDeclarationSyntax c && c.Modifiers.Any(SyntaxKind.PartialKeyword));

        public static ParseResult<EnumSpec> ParseEnum(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
        {
            var type = (INamedTypeSymbol)context.TargetSymbol;
            var diagnostics = new List<DiagnosticInfo>();
            if (type.ContainingType is not null)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NestedOrGenericType, type.Locations.FirstOrDefault(), type.Name));
                return new ParseResult<EnumSpec>(null, diagnostics.ToImmutableEquatableArray());
            }

            var members = new List<EnumMemberSpec>();
            foreach (ISymbol symbol in type.GetMembers())
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (symbol is IFieldSymbol { IsConst: true } field)
                {
                    string json = JsonNaming.ToSnakeCase(field.Name);
                    foreach (AttributeData attribute in field.GetAttributes())
                    {
                        if (attribute.AttributeClass?.ToDisplayString() == JsonStringValueAttributeName
                            && attribute.ConstructorArguments.Length == 1
                            && attribute.ConstructorArguments[0].Value is string value)
                        {
                            json = value;
                        }
                    }

                    members.Add(new EnumMemberSpec(field.Name, json));
                }
            }

            var spec = new EnumSpec(
                SymbolNames.GetNamespace(type),
                type.Name,
                type.ToDisplayString(s_fullyQualified),
                SymbolNames.AccessibilityText(type.DeclaredAccessibility),
                members.ToImmutableEquatableArray());
            return new ParseResult<EnumSpec>(spec, diagnostics.ToImmutableEquatableArray());
        }

        private static ValueSpec? Classify(ITypeSymbol type, bool allowCollections, IAssemblySymbol modelAssembly)
        {
            switch (type.SpecialType)
            {
                case SpecialType.System_String:
                    return new ValueSpec(ValueKind.String, "string", null);
                case SpecialType.System_Boolean:
                    return new ValueSpec(ValueKind.Boolean, "bool", null);
                case SpecialType.System_Int32:
                    return new ValueSpec(ValueKind.Int32, "int", null);
                case SpecialType.System_Int64:
                    return new ValueSpec(ValueKind.Int64, "long", null);
                case SpecialType.System_Double:
                    return new ValueSpec(ValueKind.Double, "double", null);
            }

            if (type is not INamedTypeSymbol named)
            {
                return null;
            }

            string typeName = named.WithNullableAnnotation(NullableAnnotation.None).ToDisplayString(s_fullyQualified);
            if (typeName == Utf8TextName)
            {
                return new ValueSpec(ValueKind.Utf8Text, typeName, null);
            }

            if (typeName == RawJsonName)
            {
                return new ValueSpec(ValueKind.RawJson, typeName, null);
            }

            if (named.IsGenericType)
            {
                string definition = named.OriginalDefinition.ToDisplayString(s_fullyQualified);
                if (definition == StringEnumName)
                {
                    ITypeSymbol enumType = named.TypeArguments[0];
                    if (!SymbolNames.HasAttribute(enumType, JsonStringEnumAttributeName))
                    {
                        return null;
                    }

                    string ns = SymbolNames.GetNamespace((INamedTypeSymbol)enumType);
                    string converter = "global::" + (ns.Length == 0 ? string.Empty : ns + ".") + enumType.Name + "Json";
                    return new ValueSpec(ValueKind.StringEnum, enumType.ToDisplayString(s_fullyQualified), null) { ConverterName = converter };
                }

                if (allowCollections && definition == ListName)
                {
                    ValueSpec? element = ClassifyElement(named.TypeArguments[0], modelAssembly);
                    return element is null ? null : new ValueSpec(ValueKind.List, typeName, element);
                }

                if (allowCollections && definition == DictionaryName && named.TypeArguments[0].SpecialType == SpecialType.System_String)
                {
                    ValueSpec? element = ClassifyElement(named.TypeArguments[1], modelAssembly);
                    return element is null ? null : new ValueSpec(ValueKind.Dictionary, typeName, element);
                }

                return null;
            }

            if (SymbolNames.HasAttribute(named, JsonModelAttributeName))
            {
                return new ValueSpec(ValueKind.JsonValue, typeName, null) { IsModel = true };
            }

            if (SymbolNames.HasAttribute(named, JsonUnionAttributeName))
            {
                // The generator gives every union ReadJson(ref reader, context, JsonInstanceCache<TUnion>? cache).
                return new ValueSpec(ValueKind.JsonValue, typeName, null) { CacheUnionName = typeName };
            }

            if (ImplementsJsonValue(named))
            {
                return ClassifyHandWritten(named, typeName, modelAssembly);
            }

            return null;
        }

        /// <summary>
        /// A hand-written <c>IJsonValue</c>, and whether it offers a reusing read the model can call:
        /// <c>ReadJson(ref JsonScanner, JsonReadContext, JsonInstanceCache&lt;TUnion&gt;?)</c> or
        /// <c>ReadJson(ref JsonScanner, JsonReadContext, T? reuse)</c>, declared on the type itself and callable from the model.
        /// </summary>
        private static ValueSpec ClassifyHandWritten(INamedTypeSymbol type, string typeName, IAssemblySymbol modelAssembly)
        {
            var value = new ValueSpec(ValueKind.JsonValue, typeName, null);
            foreach (ISymbol symbol in type.GetMembers("ReadJson"))
            {
                if (symbol is not IMethodSymbol { IsStatic: true, Parameters.Length: 3 } method
                    || !(method.DeclaredAccessibility == Accessibility.Public
                        || (method.DeclaredAccessibility is Accessibility.Internal or Accessibility.ProtectedOrInternal
                            && SymbolEqualityComparer.Default.Equals(method.ContainingAssembly, modelAssembly)))
                    || method.Parameters[0].RefKind != RefKind.Ref
                    || method.Parameters[0].Type.ToDisplayString(s_fullyQualified) != ScannerName
                    || method.Parameters[1].Type.ToDisplayString(s_fullyQualified) != ReadContextName
                    || !SymbolEqualityComparer.Default.Equals(method.ReturnType, type))
                {
                    continue;
                }

                ITypeSymbol third = method.Parameters[2].Type;
                if (SymbolEqualityComparer.Default.Equals(third, type))
                {
                    return value with { ReadsIntoPrevious = true };
                }

                if (third is INamedTypeSymbol { IsGenericType: true } cache
                    && cache.OriginalDefinition.ToDisplayString(s_fullyQualified) == InstanceCacheName
                    && SymbolNames.HasAttribute(cache.TypeArguments[0], JsonUnionAttributeName))
                {
                    return value with { CacheUnionName = cache.TypeArguments[0].WithNullableAnnotation(NullableAnnotation.None).ToDisplayString(s_fullyQualified) };
                }
            }

            return value;
        }

        private static ValueSpec? ClassifyElement(ITypeSymbol element, IAssemblySymbol modelAssembly)
        {
            // Elements are never null in the protocol; a nullable element type is refused rather than half-supported.
            if (element is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T })
            {
                return null;
            }

            return Classify(element, allowCollections: false, modelAssembly);
        }

        private static bool ImplementsJsonValue(INamedTypeSymbol type)
        {
            foreach (INamedTypeSymbol candidate in type.AllInterfaces)
            {
                if (candidate.OriginalDefinition.ToDisplayString(s_fullyQualified) == JsonValueInterfaceName
                    && SymbolEqualityComparer.Default.Equals(candidate.TypeArguments[0], type))
                {
                    return true;
                }
            }

            return false;
        }

        private static string GetJsonName(IPropertySymbol property)
        {
            for (IPropertySymbol? p = property; p is not null; p = p.OverriddenProperty)
            {
                foreach (AttributeData attribute in p.GetAttributes())
                {
                    if (attribute.AttributeClass?.ToDisplayString() == JsonNameAttributeName
                        && attribute.ConstructorArguments.Length == 1
                        && attribute.ConstructorArguments[0].Value is string name)
                    {
                        return name;
                    }
                }
            }

            return JsonNaming.ToSnakeCase(property.Name);
        }
    }
}
