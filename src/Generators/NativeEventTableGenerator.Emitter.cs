using ProtocolCore.Generators.Helpers;
using ProtocolCore.Generators.Model;

namespace ProtocolCore.Generators;

public sealed partial class NativeEventTableGenerator
{
    /// <summary>Writes the tables' source text from specs. Pure: the same spec always gives the same text.</summary>
    internal static class Emitter
    {
        public static string HintName(string @namespace, string typeName, string suffix) =>
            (@namespace.Length == 0 ? typeName : @namespace + "." + typeName) + "." + suffix + ".g.cs";

        public static string EmitKindTable(EventKindTableSpec spec)
        {
            var w = new SourceWriter();
            WriteFileStart(w, spec.Namespace);
            int maxKind = spec.Events.Count == 0 ? 0 : spec.Events[spec.Events.Count - 1].NativeKind;
            w.WriteLine($$"""
                {{Modifiers(spec.IsStatic)}}partial class {{spec.TypeName}}
                {
                    /// <summary>The highest ABI kind an event declares; a number below it that no event declares reads as unknown.</summary>
                    public const int MaxAbiKind = {{GeneratedText.Number(maxKind)}};

                    /// <summary>
                    /// The ABI kind of <paramref name="kind"/>: the <c>[NativeEventKind]</c> of its class, or 0 (unknown) for
                    /// <see cref="{{spec.KindEnumName}}.Unknown"/>.
                    /// </summary>
                    public static int ToAbiKind({{spec.KindEnumName}} kind) => kind switch
                    {
                """);
            w.Indentation += 2;
            foreach (NativeEventSpec e in spec.Events)
            {
                w.WriteLine($"{spec.KindEnumName}.{e.KindMemberName} => {GeneratedText.Number(e.NativeKind)},");
            }

            w.WriteLine("_ => 0,");
            w.Indentation -= 2;
            w.WriteLine("""
                    };

                    /// <summary>The <c>"type"</c> string of an ABI kind; empty for 0 and for numbers no event declares.</summary>
                    public static string GetTypeString(int abiKind) => abiKind switch
                    {
                """);
            w.Indentation += 2;
            foreach (NativeEventSpec e in spec.Events)
            {
                w.WriteLine($"{GeneratedText.Number(e.NativeKind)} => {GeneratedText.StringLiteral(e.Discriminator)},");
            }

            w.WriteLine("_ => \"\",");
            w.Indentation -= 2;
            w.WriteLine("""
                    };
                }
                """);
            return w.ToString();
        }

        public static string EmitFieldReader(EventFieldReaderSpec spec)
        {
            var w = new SourceWriter();
            WriteFileStart(w, spec.Namespace);
            w.WriteLine($"{Modifiers(spec.IsStatic)}partial class {spec.TypeName}");
            w.OpenBlock();
            for (int i = 0; i < spec.Methods.Count; i++)
            {
                if (i > 0)
                {
                    w.WriteLine();
                }

                EmitFieldReaderMethod(w, spec.Methods[i], spec.KindEnumName);
            }

            w.CloseBlock();
            return w.ToString();
        }

        private static void EmitFieldReaderMethod(SourceWriter w, FieldReaderMethodSpec method, string kindEnum)
        {
            var parameters = new System.Text.StringBuilder();
            foreach (FieldParameterSpec output in method.Outputs)
            {
                parameters.Append(", out ").Append(output.TypeName).Append(' ').Append(output.Name);
            }

            w.WriteLine($"{method.Accessibility} static partial void {method.Name}({method.UnionTypeName} {method.EventParameterName}{parameters})");
            w.OpenBlock();
            foreach (FieldParameterSpec output in method.Outputs)
            {
                w.WriteLine($"{output.Name} = default;");
            }

            // A switch over the kind is a jump table and one cast: no reflection, no interface, no allocation.
            w.WriteLine($"switch ({method.EventParameterName}.Kind)");
            w.OpenBlock();
            for (int i = 0; i < method.Cases.Count; i++)
            {
                FieldReaderCaseSpec c = method.Cases[i];
                if (i > 0)
                {
                    w.WriteLine();
                }

                w.WriteLine($$"""
                    case {{kindEnum}}.{{c.KindMemberName}}:
                    {
                        var pcEvent = ({{c.FullyQualifiedName}}){{method.EventParameterName}};
                    """);
                w.Indentation++;
                foreach (FieldParameterSpec output in c.Assigned)
                {
                    w.WriteLine($"{output.Name} = pcEvent.{output.PropertyName};");
                }

                w.WriteLine("break;");
                w.Indentation--;
                w.WriteLine("}");
            }

            w.CloseBlock();
            w.CloseBlock();
        }

        private static void WriteFileStart(SourceWriter w, string @namespace)
        {
            w.WriteLine(GeneratedText.FileHeader);
            if (@namespace.Length > 0)
            {
                w.WriteLine();
                w.WriteLine($"namespace {@namespace};");
            }

            w.WriteLine();
        }

        private static string Modifiers(bool isStatic) => isStatic ? "static " : string.Empty;
    }
}
