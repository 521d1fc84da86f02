using System;
using System.Collections.Generic;
using System.Reflection;
using System.Reflection.Emit;

namespace ProtocolCore.Tests.Architecture;

/// <summary>
/// The types a compiled type uses: its base type, interfaces, fields, method and property signatures, and every type,
/// method and field its IL touches (so a dependency hidden in a method body, an async state machine or a lambda's
/// closure counts too; those are nested types, walked like any other).
/// </summary>
internal static class TypeDependencies
{
    private const BindingFlags Declared = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

    private static readonly Dictionary<short, OpCode> s_opCodes = LoadOpCodes();

    /// <summary>Every type <paramref name="type"/> depends on, generic arguments and element types unwrapped.</summary>
    public static HashSet<Type> Of(Type type)
    {
        var found = new HashSet<Type>();
        Add(found, type.BaseType);
        foreach (Type contract in type.GetInterfaces())
        {
            Add(found, contract);
        }

        foreach (FieldInfo field in type.GetFields(Declared))
        {
            Add(found, field.FieldType);
        }

        foreach (MethodBase method in Methods(type))
        {
            if (method is MethodInfo info)
            {
                Add(found, info.ReturnType);
            }

            foreach (ParameterInfo parameter in method.GetParameters())
            {
                Add(found, parameter.ParameterType);
            }

            AddBody(found, method);
        }

        return found;
    }

    private static IEnumerable<MethodBase> Methods(Type type)
    {
        foreach (ConstructorInfo constructor in type.GetConstructors(Declared))
        {
            yield return constructor;
        }

        foreach (MethodInfo method in type.GetMethods(Declared))
        {
            yield return method;
        }
    }

    /// <summary>Walks the method's IL and resolves each token operand (a type, a field, a method, or ldtoken's any).</summary>
    private static void AddBody(HashSet<Type> found, MethodBase method)
    {
        byte[]? il = method.GetMethodBody()?.GetILAsByteArray();
        if (il is null)
        {
            return;
        }

        Module module = method.Module;
        Type[]? typeArguments = method.DeclaringType is { IsGenericType: true } declaring ? declaring.GetGenericArguments() : null;
        Type[]? methodArguments = method.IsGenericMethod ? method.GetGenericArguments() : null;
        int position = 0;
        while (position < il.Length)
        {
            short value = il[position++];
            if (value == 0xFE)
            {
                value = (short)(0xFE00 | il[position++]);
            }

            OpCode opCode = s_opCodes[value];
            switch (opCode.OperandType)
            {
                case OperandType.InlineField:
                case OperandType.InlineMethod:
                case OperandType.InlineTok:
                case OperandType.InlineType:
                    int token = BitConverter.ToInt32(il, position);
                    AddMember(found, module.ResolveMember(token, typeArguments, methodArguments));
                    position += 4;
                    break;
                case OperandType.InlineSwitch:
                    position += 4 + (BitConverter.ToInt32(il, position) * 4);
                    break;
                default:
                    position += OperandSize(opCode.OperandType);
                    break;
            }
        }
    }

    private static void AddMember(HashSet<Type> found, MemberInfo? member)
    {
        switch (member)
        {
            case Type type:
                Add(found, type);
                break;
            case FieldInfo field:
                Add(found, field.DeclaringType);
                Add(found, field.FieldType);
                break;
            case MethodBase method:
                Add(found, method.DeclaringType);
                if (method is MethodInfo { IsGenericMethod: true } generic)
                {
                    foreach (Type argument in generic.GetGenericArguments())
                    {
                        Add(found, argument);
                    }
                }

                break;
        }
    }

    private static void Add(HashSet<Type> found, Type? type)
    {
        if (type is null || type.IsGenericParameter)
        {
            return;
        }

        if (type.HasElementType)
        {
            Add(found, type.GetElementType());
            return;
        }

        if (type.IsGenericType && !type.IsGenericTypeDefinition)
        {
            foreach (Type argument in type.GetGenericArguments())
            {
                Add(found, argument);
            }

            type = type.GetGenericTypeDefinition();
        }

        found.Add(type);
    }

    private static int OperandSize(OperandType operand) => operand switch
    {
        OperandType.InlineNone => 0,
        OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar => 1,
        OperandType.InlineVar => 2,
        OperandType.InlineI8 or OperandType.InlineR => 8,
        _ => 4,
    };

    private static Dictionary<short, OpCode> LoadOpCodes()
    {
        var table = new Dictionary<short, OpCode>();
        foreach (FieldInfo field in typeof(OpCodes).GetFields(BindingFlags.Public | BindingFlags.Static))
        {
            if (field.GetValue(null) is OpCode opCode)
            {
                table[opCode.Value] = opCode;
            }
        }

        return table;
    }
}
