using System;
using System.Collections.Generic;
using System.Reflection;
using Microsoft.CodeAnalysis.Text;

namespace ProtocolCore.Generators.Tests;

/// <summary>
/// Finds Roslyn objects reachable from a spec, by walking declared field types and by walking live values. A spec that
/// holds a symbol, a syntax node, a compilation or a location keeps the whole compilation alive and compares by
/// reference, which silently defeats incremental caching.
/// </summary>
internal static class RoslynReferenceFinder
{
    private const string RoslynNamespace = "Microsoft.CodeAnalysis";

    private const BindingFlags InstanceFields = BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic;

    // TextSpan and LinePositionSpan are the exception: small readonly structs of ints (start/length, line/character)
    // that compare by value and reference nothing, so DiagnosticInfo can hold them and rebuild a Location on report.
    private static readonly HashSet<Type> s_allowed = new() { typeof(TextSpan), typeof(LinePositionSpan) };

    /// <summary>Every field path under <paramref name="root"/> whose declared type is, or may hold, a Roslyn object.</summary>
    public static IReadOnlyList<string> FindInTypes(Type root)
    {
        var found = new List<string>();
        WalkType(root, root.Name, new HashSet<Type>(), found);
        return found;
    }

    /// <summary>Every path under <paramref name="value"/> that reaches an instance of a Roslyn type.</summary>
    public static IReadOnlyList<string> FindInValue(object? value)
    {
        var found = new List<string>();
        WalkValue(value, value?.GetType().Name ?? "null", new HashSet<object>(ReferenceEqualityComparer.Instance), found);
        return found;
    }

    private static bool IsRoslynType(Type type) =>
        !s_allowed.Contains(type)
        && type.Namespace is { } ns
        && (ns == RoslynNamespace || ns.StartsWith(RoslynNamespace + ".", StringComparison.Ordinal));

    private static bool IsLeaf(Type type) =>
        type.IsPrimitive || type.IsEnum || type == typeof(string) || type == typeof(decimal) || s_allowed.Contains(type);

    private static void WalkType(Type type, string path, HashSet<Type> visited, List<string> found)
    {
        if (IsRoslynType(type))
        {
            found.Add($"{path}: {type.FullName}");
            return;
        }

        if (type.IsGenericParameter)
        {
            // A type parameter is checked where it is instantiated (FindInValue walks the concrete outputs).
            return;
        }

        if (type == typeof(object) || type.IsInterface || (type.IsAbstract && !type.IsSealed))
        {
            // Could hold anything, including a symbol: not allowed in a spec.
            found.Add($"{path}: {type.FullName} (open-ended)");
            return;
        }

        if (IsLeaf(type) || !visited.Add(type))
        {
            return;
        }

        if (type.IsArray)
        {
            WalkType(type.GetElementType()!, path + "[]", visited, found);
            return;
        }

        foreach (Type argument in type.IsGenericType ? type.GetGenericArguments() : Type.EmptyTypes)
        {
            WalkType(argument, $"{path}<{argument.Name}>", visited, found);
        }

        for (Type? t = type; t is not null && t != typeof(object) && t != typeof(ValueType); t = t.BaseType)
        {
            foreach (FieldInfo field in t.GetFields(InstanceFields | BindingFlags.DeclaredOnly))
            {
                WalkType(field.FieldType, path + "." + field.Name, visited, found);
            }
        }
    }

    private static void WalkValue(object? value, string path, HashSet<object> visited, List<string> found)
    {
        if (value is null)
        {
            return;
        }

        Type type = value.GetType();
        if (IsRoslynType(type))
        {
            found.Add($"{path}: {type.FullName}");
            return;
        }

        if (IsLeaf(type) || (!type.IsValueType && !visited.Add(value)))
        {
            return;
        }

        if (value is Array array)
        {
            int i = 0;
            foreach (object? item in array)
            {
                WalkValue(item, $"{path}[{i++}]", visited, found);
            }

            return;
        }

        for (Type? t = type; t is not null && t != typeof(object) && t != typeof(ValueType); t = t.BaseType)
        {
            foreach (FieldInfo field in t.GetFields(InstanceFields | BindingFlags.DeclaredOnly))
            {
                WalkValue(field.GetValue(value), path + "." + field.Name, visited, found);
            }
        }
    }
}
