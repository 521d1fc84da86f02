using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using ProtocolCore.Generators.Helpers;
using ProtocolCore.Generators.Model;
using static ProtocolCore.Generators.Helpers.GeneratedText;

namespace ProtocolCore.Generators;

public sealed partial class JsonModelGenerator
{
    /// <summary>
    /// Writes source text from specs. Pure: the same spec always gives the same text. Fixed text is written from raw
    /// string templates; only what varies per spec (members, cases) is written line by line.
    /// </summary>
    internal static class Emitter
    {
        // Every name the generated code uses, in one place.
        private const string ReaderType = "global::ProtocolCore.Json.JsonScanner";
        private const string WriterType = "global::System.Text.Json.Utf8JsonWriter";
        private const string TokenType = "global::System.Text.Json.JsonTokenType";
        private const string EncodedTextType = "global::System.Text.Json.JsonEncodedText";
        private const string ContextType = "global::ProtocolCore.Json.JsonReadContext";
        private const string HelpersType = "global::ProtocolCore.Json.JsonReadHelpers";
        private const string DiscriminatorType = "global::ProtocolCore.Json.JsonDiscriminator";
        private const string ExtensionBuilderType = "global::ProtocolCore.Json.JsonExtensionDataBuilder";
        private const string ExceptionType = "global::ProtocolCore.Json.ProtocolJsonException";
        private const string JsonValueInterface = "global::ProtocolCore.Json.IJsonValue";
        private const string InstanceCacheType = "global::ProtocolCore.Json.JsonInstanceCache";
        private const string RawJsonType = "global::ProtocolCore.Json.RawJson";
        private const string StringEnumType = "global::ProtocolCore.Json.StringEnum";
        private const string ListType = "global::System.Collections.Generic.List";
        private const string DictionaryType = "global::System.Collections.Generic.Dictionary";
        private const string SpanType = "global::System.Span<byte>";
        private const string ReadOnlySpanType = "global::System.ReadOnlySpan<byte>";
        private const string ReadMethod = "ReadJson";
        private const string ReadIntoMethod = "ReadJsonInto";
        private const string ReadRestMethod = "ReadJsonRest";
        private const string ReadRemainingMethod = "PcReadRemainingMembers";
        private const string ReadGeneralMethod = "PcReadJsonGeneral";
        private const string FindCaseMethod = "PcFindCase";
        private const string WriteMethod = "WriteJson";
        private const string WriteMembersMethod = "WriteJsonMembers";
        private const string NullsField = "_pcNulls";
        private const string NamePrefix = "s_pcName_";
        private const string ViewStateField = "_pcView";
        private const string ViewStateType = "PcViewState";
        private const string ListCachePrefix = "List_";
        private const string ModelCachePrefix = "Value_";
        private const string ElementCachePrefix = "Elements_";
        private const string DiscriminatorConst = "JsonDiscriminator";
        private const int NameBufferLength = 128;

        public static string HintName(string @namespace, string typeName) =>
            (@namespace.Length == 0 ? typeName : @namespace + "." + typeName) + ".ProtocolJson.g.cs";

        public static string EmitModel(ModelSpec spec)
        {
            var w = new SourceWriter();
            w.WriteLine(FileHeader);
            WriteNamespace(w, spec.Namespace);

            w.WriteLine($"{spec.Accessibility} partial class {spec.TypeName} : {JsonValueInterface}<{spec.FullyQualifiedName}>");
            w.OpenBlock();

            foreach (MemberSpec member in spec.Members)
            {
                w.WriteLine($"private static readonly {EncodedTextType} {NamePrefix}{member.PropertyName} = {EncodedTextType}.Encode({Utf8Literal(member.JsonName)});");
            }

            if (spec.Discriminator is not null)
            {
                w.WriteLine($$"""
                    private static readonly {{EncodedTextType}} {{NamePrefix}}pcType = {{EncodedTextType}}.Encode("type"u8);
                    private static readonly {{EncodedTextType}} {{NamePrefix}}pcTypeValue = {{EncodedTextType}}.Encode({{Utf8Literal(spec.Discriminator)}});

                    /// <summary>The <c>"type"</c> value of this model: <c>{{Xml(spec.Discriminator)}}</c>.</summary>
                    public const string {{DiscriminatorConst}} = {{StringLiteral(spec.Discriminator)}};
                    """);
            }

            List<MemberSpec> nullable = spec.Members.Where(m => m.IsNullable).ToList();
            int nullFields = (nullable.Count + 63) / 64;
            for (int i = 0; i < nullFields; i++)
            {
                w.WriteLine($$"""
                    // Bit set: the member was an explicit JSON null (written back as null, not omitted).
                    private ulong {{NullsField}}{{i}};
                    """);
            }

            EmitViewState(w, spec);

            w.WriteLine();
            if (spec.UnionKindEnum is not null && spec.UnionBase is not null)
            {
                w.WriteLine($"public override {spec.UnionKindEnum} Kind => {spec.UnionKindEnum}.{spec.KindMemberName};");
                w.WriteLine();
            }

            string hide = spec.UnionBase is null ? string.Empty : "new ";
            w.WriteLine($$"""
                /// <summary>Reads a new <see cref="{{spec.TypeName}}"/> from the object the reader is on.</summary>
                public static {{hide}}{{spec.FullyQualifiedName}} {{ReadMethod}}(ref {{ReaderType}} reader, {{ContextType}} context)
                {
                    var value = new {{spec.FullyQualifiedName}}();
                    value.{{ReadIntoMethod}}(ref reader, context);
                    return value;
                }

                """);

            EmitReadInto(w, spec, nullable);
            w.WriteLine();

            string @override = spec.UnionBase is null ? string.Empty : "override ";
            w.WriteLine($$"""
                public {{@override}}void {{WriteMethod}}({{WriterType}} writer)
                {
                    writer.WriteStartObject();
                    {{WriteMembersMethod}}(writer);
                    writer.WriteEndObject();
                }

                """);

            EmitWriteMembers(w, spec, nullable);

            foreach (MemberSpec member in spec.Members.Where(m => m.Value.Kind is ValueKind.List or ValueKind.Dictionary))
            {
                w.WriteLine();
                EmitCollectionReader(w, member);
            }

            w.CloseBlock();
            return w.ToString();
        }

        /// <summary>
        /// What a view decode keeps to read into again (arrays, nested objects, one instance per union case at each
        /// place), in one object created by the first view decode: a value decoded owned, new each time, carries one
        /// null field for all of it instead of a field per member.
        /// </summary>
        private static void EmitViewState(SourceWriter w, ModelSpec spec)
        {
            var lines = new List<string>();
            foreach (MemberSpec member in spec.Members)
            {
                ValueSpec value = member.Value;
                if (value.Kind == ValueKind.List)
                {
                    lines.Add($"public {value.TypeName}? {ListCachePrefix}{member.PropertyName};");
                    ValueSpec element = value.Element!;
                    if (element.CacheUnionName is not null)
                    {
                        lines.Add($"public {ListType}<{InstanceCacheType}<{element.CacheUnionName}>>? {ElementCachePrefix}{member.PropertyName};");
                    }
                    else if (element.IsModel || element.ReadsIntoPrevious)
                    {
                        lines.Add($"public {ListType}<{element.TypeName}>? {ElementCachePrefix}{member.PropertyName};");
                    }
                }
                else if (value.Kind == ValueKind.JsonValue && value.CacheUnionName is not null && !value.IsModel)
                {
                    lines.Add($"public {InstanceCacheType}<{value.CacheUnionName}>? {ModelCachePrefix}{member.PropertyName};");
                }
                else if (value.Kind == ValueKind.JsonValue && value.IsReusable)
                {
                    lines.Add($"public {value.TypeName}? {ModelCachePrefix}{member.PropertyName};");
                }
            }

            if (lines.Count == 0)
            {
                return;
            }

            w.WriteLine($$"""
                // What view decodes keep to read into again (null in values decoded owned).
                private {{ViewStateType}}? {{ViewStateField}};

                private sealed class {{ViewStateType}}
                {
                """);
            w.Indentation++;
            foreach (string line in lines)
            {
                w.WriteLine(line);
            }

            w.CloseBlock();
        }

        private static void EmitReadInto(SourceWriter w, ModelSpec spec, List<MemberSpec> nullable)
        {
            w.WriteLine($$"""
                /// <summary>
                /// Resets every member and reads the object the reader is on into this instance (the reuse path:
                /// nothing from an earlier decode survives). Leaves the reader on the object's EndObject.
                /// </summary>
                public void {{ReadIntoMethod}}(ref {{ReaderType}} reader, {{ContextType}} context)
                {
                    {{HelpersType}}.ExpectToken(ref reader, {{TokenType}}.StartObject);
                    {{ReadRestMethod}}(ref reader, context);
                }

                /// <summary>
                /// Resets every member and reads the rest of an object whose first members the reader has passed (a union reads
                /// the leading <c>"type"</c> itself and continues here, so the discriminator is scanned once).
                /// </summary>
                internal void {{ReadRestMethod}}(ref {{ReaderType}} reader, {{ContextType}} context)
                """);
            w.OpenBlock();
            foreach (MemberSpec member in spec.Members)
            {
                w.WriteLine($"this.{member.PropertyName} = default!;");
            }

            for (int i = 0; i < (nullable.Count + 63) / 64; i++)
            {
                w.WriteLine($"{NullsField}{i} = 0;");
            }

            if (EmitExpectedOrderFastPath(w, spec, nullable))
            {
                // Every member matched in order up to the closing brace: no general loop, no extension data. The loop
                // lives in a method of its own because a method with a stackalloc and a loop is compiled once, fully
                // optimised but without tiering's profile data; this one stays small, tiered and profiled.
                w.WriteLine("if (reader.TryReadEndObject())");
                w.OpenBlock();
                if (spec.ExtensionDataMember is not null)
                {
                    w.WriteLine($"this.{spec.ExtensionDataMember} = default;");
                }

                w.WriteLine("return;");
                w.CloseBlock();
                w.WriteLine();
                w.WriteLine($"{ReadRemainingMethod}(ref reader, context);");
                w.CloseBlock();
                w.WriteLine();
                w.WriteLine($$"""
                    // The general loop: members out of the expected order, unknown members, whitespace, escapes.
                    private void {{ReadRemainingMethod}}(ref {{ReaderType}} reader, {{ContextType}} context)
                    """);
                w.OpenBlock();
            }

            if (spec.ExtensionDataMember is not null)
            {
                w.WriteLine($"{ExtensionBuilderType} pcExtension = default;");
            }

            w.WriteLine($$"""
                {{SpanType}} pcNameBuffer = stackalloc byte[{{NameBufferLength}}];
                while (true)
                {
                    reader.Read();
                    if (reader.TokenType == {{TokenType}}.EndObject)
                    {
                        break;
                    }

                    {{ReadOnlySpanType}} pcName = !reader.ValueIsEscaped
                        ? reader.ValueSpan
                        : pcNameBuffer.Slice(0, {{HelpersType}}.CopyPropertyName(in reader, pcNameBuffer));
                """);
            w.Indentation++;

            // Dispatch on the name's length first, then compare bytes: one switch jump and usually one SequenceEqual.
            var names = spec.Members.Select(m => (Name: m.JsonName, Member: (MemberSpec?)m)).ToList();
            if (spec.Discriminator is not null)
            {
                names.Add(("type", null));
            }

            w.WriteLine("switch (pcName.Length)");
            w.OpenBlock();
            foreach (IGrouping<int, (string Name, MemberSpec? Member)> group in names.GroupBy(n => Encoding.UTF8.GetByteCount(n.Name)).OrderBy(g => g.Key))
            {
                w.WriteLine($"case {group.Key.ToString(CultureInfo.InvariantCulture)}:");
                w.Indentation++;
                foreach ((string jsonName, MemberSpec? member) in group.OrderBy(n => n.Name, System.StringComparer.Ordinal))
                {
                    w.WriteLine($"if (global::System.MemoryExtensions.SequenceEqual(pcName, {Utf8Literal(jsonName)}))");
                    w.OpenBlock();
                    w.WriteLine("reader.Read();");
                    if (member is null)
                    {
                        w.WriteLine("""
                            // The discriminator: the union dispatched on it already.
                            reader.Skip();
                            """);
                    }
                    else
                    {
                        EmitReadMember(w, member, nullable.IndexOf(member));
                    }

                    w.WriteLine("continue;");
                    w.CloseBlock();
                }

                w.WriteLine("break;");
                w.Indentation--;
            }

            w.CloseBlock();
            w.WriteLine();
            if (spec.ExtensionDataMember is not null)
            {
                w.WriteLine("context.AddExtensionMember(ref reader, ref pcExtension);");
            }
            else
            {
                w.WriteLine("""
                    // Unknown member: skipped (this model keeps no extension data).
                    reader.Read();
                    reader.Skip();
                    """);
            }

            w.CloseBlock();
            if (spec.ExtensionDataMember is not null)
            {
                w.WriteLine();
                w.WriteLine($"this.{spec.ExtensionDataMember} = context.CompleteExtension(ref pcExtension);");
            }

            w.CloseBlock();
        }

        /// <summary>
        /// For a union case, whose <c>"type"</c> the union has just read in place: each member in the order servers write
        /// them (base-class members such as <c>sequence_number</c> first, then the model's own in declaration order) is
        /// recognised by one compare of <c>,"name":</c> (the comma checked first) instead of a string scan and a name switch. A member that is
        /// absent costs one failed compare; the first one out of that order (or written with whitespace or escapes)
        /// stops matching, and the general loop reads the rest.
        /// </summary>
        /// <returns>True when a fast path was emitted.</returns>
        private static bool EmitExpectedOrderFastPath(SourceWriter w, ModelSpec spec, List<MemberSpec> nullable)
        {
            if (spec.Discriminator is null)
            {
                return false;
            }

            // OrderByDescending is stable: declaration order within one class.
            List<MemberSpec> expected = spec.Members
                .OrderByDescending(m => m.InheritanceDepth)
                .Where(m => !NeedsJsonEscaping(m.JsonName))
                .ToList();
            if (expected.Count == 0)
            {
                return false;
            }

            w.WriteLine($"// Fast path: the members in the order servers write them, one compare each; {ReadRemainingMethod} reads the rest.");
            foreach (MemberSpec member in expected)
            {
                w.WriteLine($"if (reader.TryReadPropertyName({Utf8Literal("\"" + member.JsonName + "\":")}))");
                w.OpenBlock();
                if (member.Value.Kind == ValueKind.Int32)
                {
                    // Indexes and sequence numbers: digits read in one pass, no token dispatch.
                    w.WriteLine($$"""
                        if (reader.TryReadInt32PropertyValue(out int pcInt32))
                        {
                            this.{{member.PropertyName}} = pcInt32;
                        }
                        else
                        """);
                    w.OpenBlock();
                    w.WriteLine("reader.Read();");
                    EmitReadMember(w, member, nullable.IndexOf(member));
                    w.CloseBlock();
                }
                else if (member.Value.Kind is ValueKind.Utf8Text or ValueKind.String)
                {
                    // A string right after the colon: scanned without the token dispatch.
                    w.WriteLine($$"""
                        if (reader.TryReadStringPropertyValue())
                        {
                            this.{{member.PropertyName}} = {{ReadExpression(member.Value)}};
                        }
                        else
                        """);
                    w.OpenBlock();
                    w.WriteLine("reader.Read();");
                    EmitReadMember(w, member, nullable.IndexOf(member));
                    w.CloseBlock();
                }
                else
                {
                    w.WriteLine("reader.Read();");
                    EmitReadMember(w, member, nullable.IndexOf(member));
                }

                w.CloseBlock();
            }

            w.WriteLine();
            return true;
        }

        // A name the fast path cannot match byte for byte: JSON would escape it.
        private static bool NeedsJsonEscaping(string name) => name.Any(c => c is '"' or '\\' || c < ' ');

        private static void EmitReadMember(SourceWriter w, MemberSpec member, int nullBit)
        {
            w.WriteLine($"if (reader.TokenType == {TokenType}.Null)");
            w.OpenBlock();
            if (member.IsNullable)
            {
                w.WriteLine($"{NullsField}{nullBit / 64} |= 1UL << {(nullBit % 64).ToString(CultureInfo.InvariantCulture)};");
            }
            else
            {
                w.WriteLine($"{HelpersType}.ThrowNullNotAllowed(ref reader, {StringLiteral(member.JsonName)});");
            }

            w.CloseBlock();
            w.WriteLine("else");
            w.OpenBlock();
            switch (member.Value.Kind)
            {
                case ValueKind.List:
                    // An owned decode gets objects of its own; a view decode reads into what it kept from the last one.
                    w.WriteLine($"this.{member.PropertyName} = {CollectionReaderName(member)}(ref reader, context, context.Owned ? new() : ({ViewStateField} ??= new()).{ListCachePrefix}{member.PropertyName} ??= new());");
                    break;
                case ValueKind.Dictionary:
                    w.WriteLine($"this.{member.PropertyName} = {CollectionReaderName(member)}(ref reader, context);");
                    break;
                case ValueKind.JsonValue when member.Value.IsModel:
                    w.WriteLine($$"""
                        var pcModel = context.Owned ? new {{member.Value.TypeName}}() : ({{ViewStateField}} ??= new()).{{ModelCachePrefix}}{{member.PropertyName}} ??= new {{member.Value.TypeName}}();
                        pcModel.{{ReadIntoMethod}}(ref reader, context);
                        this.{{member.PropertyName}} = pcModel;
                        """);
                    break;
                case ValueKind.JsonValue when member.Value.CacheUnionName is not null:
                    w.WriteLine($"this.{member.PropertyName} = {member.Value.TypeName}.{ReadMethod}(ref reader, context, context.Owned ? null : ({ViewStateField} ??= new()).{ModelCachePrefix}{member.PropertyName} ??= new());");
                    break;
                case ValueKind.JsonValue when member.Value.ReadsIntoPrevious:
                    w.WriteLine($$"""
                        var pcValue = {{member.Value.TypeName}}.{{ReadMethod}}(ref reader, context, context.Owned ? null : {{ViewStateField}}?.{{ModelCachePrefix}}{{member.PropertyName}});
                        if (!context.Owned)
                        {
                            ({{ViewStateField}} ??= new()).{{ModelCachePrefix}}{{member.PropertyName}} = pcValue;
                        }

                        this.{{member.PropertyName}} = pcValue;
                        """);
                    break;
                default:
                    w.WriteLine($"this.{member.PropertyName} = {ReadExpression(member.Value)};");
                    break;
            }

            w.CloseBlock();
        }

        private static string ReadExpression(ValueSpec value) => value.Kind switch
        {
            ValueKind.String => "context.ReadString(ref reader)",
            ValueKind.Utf8Text => "context.ReadText(ref reader)",
            ValueKind.Boolean => $"{HelpersType}.ReadBoolean(ref reader)",
            ValueKind.Int32 => $"{HelpersType}.ReadInt32(ref reader)",
            ValueKind.Int64 => $"{HelpersType}.ReadInt64(ref reader)",
            ValueKind.Double => $"{HelpersType}.ReadDouble(ref reader)",
            ValueKind.StringEnum => $"{value.ConverterName}.Read(ref reader)",
            ValueKind.JsonValue => $"{value.TypeName}.{ReadMethod}(ref reader, context)",
            ValueKind.RawJson => "context.ReadRaw(ref reader)",
            _ => throw new System.InvalidOperationException("Collections are read by their own method."),
        };

        private static string CollectionReaderName(MemberSpec member) => "PcRead" + member.PropertyName;

        private static void EmitCollectionReader(SourceWriter w, MemberSpec member)
        {
            ValueSpec element = member.Value.Element!;
            if (member.Value.Kind == ValueKind.List && element.IsReusable)
            {
                EmitReusingListReader(w, member);
            }
            else if (member.Value.Kind == ValueKind.List)
            {
                w.WriteLine($$"""
                    private static {{member.Value.TypeName}} {{CollectionReaderName(member)}}(ref {{ReaderType}} reader, {{ContextType}} context, {{member.Value.TypeName}} list)
                    {
                        {{HelpersType}}.ExpectToken(ref reader, {{TokenType}}.StartArray);
                        list.Clear();
                        while (reader.Read() && reader.TokenType != {{TokenType}}.EndArray)
                        {
                            if (reader.TokenType == {{TokenType}}.Null)
                            {
                                {{HelpersType}}.ThrowNullNotAllowed(ref reader, {{StringLiteral(member.JsonName + "[]")}});
                            }

                            list.Add({{ReadExpression(element)}});
                        }

                        return list;
                    }
                    """);
            }
            else
            {
                w.WriteLine($$"""
                    private static {{member.Value.TypeName}} {{CollectionReaderName(member)}}(ref {{ReaderType}} reader, {{ContextType}} context)
                    {
                        {{HelpersType}}.ExpectToken(ref reader, {{TokenType}}.StartObject);
                        var map = new {{member.Value.TypeName}}();
                        while (reader.Read() && reader.TokenType != {{TokenType}}.EndObject)
                        {
                            string key = reader.GetString()!;
                            reader.Read();
                            if (reader.TokenType == {{TokenType}}.Null)
                            {
                                {{HelpersType}}.ThrowNullNotAllowed(ref reader, {{StringLiteral(member.JsonName + "{}")}});
                            }

                            map[key] = {{ReadExpression(element)}};
                        }

                        return map;
                    }
                    """);
            }
        }

        /// <summary>
        /// The reader of an array of objects: a view decode reads position <c>i</c> into what it read there last time (the
        /// element itself, or one instance per union case), so a steady stream of the same shapes allocates nothing. An
        /// owned decode gets new elements. Positions past <c>JsonReadContext.MaxReusedElements</c> are not kept.
        /// </summary>
        private static void EmitReusingListReader(SourceWriter w, MemberSpec member)
        {
            ValueSpec element = member.Value.Element!;
            string storage = $"({ViewStateField} ??= new()).{ElementCachePrefix}{member.PropertyName}";
            string slotType = element.CacheUnionName is not null ? $"{InstanceCacheType}<{element.CacheUnionName}>" : element.TypeName;
            w.WriteLine($$"""
                private {{member.Value.TypeName}} {{CollectionReaderName(member)}}(ref {{ReaderType}} reader, {{ContextType}} context, {{member.Value.TypeName}} list)
                {
                    {{HelpersType}}.ExpectToken(ref reader, {{TokenType}}.StartArray);
                    list.Clear();
                    {{ListType}}<{{slotType}}>? pcSlots = context.Owned ? null : {{storage}} ??= new();
                    while (reader.Read() && reader.TokenType != {{TokenType}}.EndArray)
                    {
                        if (reader.TokenType == {{TokenType}}.Null)
                        {
                            {{HelpersType}}.ThrowNullNotAllowed(ref reader, {{StringLiteral(member.JsonName + "[]")}});
                        }

                """);
            w.Indentation += 2;
            if (element.CacheUnionName is not null)
            {
                w.WriteLine($$"""
                    {{slotType}}? pcCache = null;
                    if (pcSlots is not null && list.Count < {{ContextType}}.MaxReusedElements)
                    {
                        if (list.Count == pcSlots.Count)
                        {
                            pcSlots.Add(new());
                        }

                        pcCache = pcSlots[list.Count];
                    }

                    list.Add({{element.TypeName}}.{{ReadMethod}}(ref reader, context, pcCache));
                    """);
            }
            else if (element.IsModel)
            {
                w.WriteLine($$"""
                    {{element.TypeName}} pcElement;
                    if (pcSlots is not null && list.Count < {{ContextType}}.MaxReusedElements)
                    {
                        if (list.Count == pcSlots.Count)
                        {
                            pcSlots.Add(new {{element.TypeName}}());
                        }

                        pcElement = pcSlots[list.Count];
                    }
                    else
                    {
                        pcElement = new {{element.TypeName}}();
                    }

                    pcElement.{{ReadIntoMethod}}(ref reader, context);
                    list.Add(pcElement);
                    """);
            }
            else
            {
                w.WriteLine($$"""
                    if (pcSlots is not null && list.Count < {{ContextType}}.MaxReusedElements)
                    {
                        {{element.TypeName}} pcElement = {{element.TypeName}}.{{ReadMethod}}(ref reader, context, list.Count < pcSlots.Count ? pcSlots[list.Count] : null);
                        if (list.Count == pcSlots.Count)
                        {
                            pcSlots.Add(pcElement);
                        }
                        else
                        {
                            pcSlots[list.Count] = pcElement;
                        }

                        list.Add(pcElement);
                    }
                    else
                    {
                        list.Add({{element.TypeName}}.{{ReadMethod}}(ref reader, context, null));
                    }
                    """);
            }

            w.Indentation -= 2;
            w.WriteLine("""
                    }

                    return list;
                }
                """);
        }

        private static void EmitWriteMembers(SourceWriter w, ModelSpec spec, List<MemberSpec> nullable)
        {
            w.WriteLine($$"""
                /// <summary>Writes the members (not the braces), so a caller can add members of its own.</summary>
                public void {{WriteMembersMethod}}({{WriterType}} writer)
                """);
            w.OpenBlock();
            if (spec.Discriminator is not null)
            {
                w.WriteLine($"writer.WriteString({NamePrefix}pcType, {NamePrefix}pcTypeValue);");
            }

            int local = 0;
            foreach (MemberSpec member in spec.Members)
            {
                string name = NamePrefix + member.PropertyName;
                if (member.IsNullable)
                {
                    string v = "pcValue" + local++.ToString(CultureInfo.InvariantCulture);
                    int bit = nullable.IndexOf(member);
                    w.WriteLine($"if (this.{member.PropertyName} is {{ }} {v})");
                    w.OpenBlock();
                    EmitWriteNamedValue(w, name, member.Value, v);
                    w.CloseBlock();
                    w.WriteLine($"else if (({NullsField}{bit / 64} & (1UL << {(bit % 64).ToString(CultureInfo.InvariantCulture)})) != 0)");
                    w.OpenBlock();
                    w.WriteLine($"writer.WriteNull({name});");
                    w.CloseBlock();
                }
                else
                {
                    EmitWriteNamedValue(w, name, member.Value, "this." + member.PropertyName);
                }
            }

            if (spec.ExtensionDataMember is not null)
            {
                w.WriteLine($"this.{spec.ExtensionDataMember}.WriteMembers(writer);");
            }

            w.CloseBlock();
        }

        private static void EmitWriteNamedValue(SourceWriter w, string name, ValueSpec value, string expression)
        {
            switch (value.Kind)
            {
                case ValueKind.String:
                    w.WriteLine($"writer.WriteString({name}, {expression});");
                    return;
                case ValueKind.Utf8Text:
                    w.WriteLine($"writer.WriteString({name}, {expression}.Span);");
                    return;
                case ValueKind.Boolean:
                    w.WriteLine($"writer.WriteBoolean({name}, {expression});");
                    return;
                case ValueKind.Int32:
                case ValueKind.Int64:
                case ValueKind.Double:
                    w.WriteLine($"writer.WriteNumber({name}, {expression});");
                    return;
                default:
                    w.WriteLine($"writer.WritePropertyName({name});");
                    EmitWriteValue(w, value, expression, 0);
                    return;
            }
        }

        private static void EmitWriteValue(SourceWriter w, ValueSpec value, string expression, int depth)
        {
            switch (value.Kind)
            {
                case ValueKind.String:
                    w.WriteLine($"writer.WriteStringValue({expression});");
                    break;
                case ValueKind.Utf8Text:
                    w.WriteLine($"writer.WriteStringValue({expression}.Span);");
                    break;
                case ValueKind.Boolean:
                    w.WriteLine($"writer.WriteBooleanValue({expression});");
                    break;
                case ValueKind.Int32:
                case ValueKind.Int64:
                case ValueKind.Double:
                    w.WriteLine($"writer.WriteNumberValue({expression});");
                    break;
                case ValueKind.StringEnum:
                    w.WriteLine($"{value.ConverterName}.Write(writer, {expression});");
                    break;
                case ValueKind.JsonValue:
                    w.WriteLine($"{expression}.{WriteMethod}(writer);");
                    break;
                case ValueKind.RawJson:
                    w.WriteLine($"{expression}.WriteTo(writer);");
                    break;
                case ValueKind.List:
                {
                    string item = "pcItem" + depth.ToString(CultureInfo.InvariantCulture);
                    w.WriteLine($$"""
                        writer.WriteStartArray();
                        foreach (var {{item}} in {{expression}})
                        """);
                    w.OpenBlock();
                    EmitWriteValue(w, value.Element!, item, depth + 1);
                    w.CloseBlock();
                    w.WriteLine("writer.WriteEndArray();");
                    break;
                }

                case ValueKind.Dictionary:
                {
                    string item = "pcEntry" + depth.ToString(CultureInfo.InvariantCulture);
                    w.WriteLine($$"""
                        writer.WriteStartObject();
                        foreach (var {{item}} in {{expression}})
                        """);
                    w.OpenBlock();
                    w.WriteLine($"writer.WritePropertyName({item}.Key);");
                    EmitWriteValue(w, value.Element!, item + ".Value", depth + 1);
                    w.CloseBlock();
                    w.WriteLine("writer.WriteEndObject();");
                    break;
                }
            }
        }

        public static string EmitUnion(UnionWithCasesSpec spec)
        {
            UnionSpec union = spec.Union;
            var w = new SourceWriter();
            w.WriteLine(FileHeader);
            WriteNamespace(w, union.Namespace);

            string kindEnum = UnionNaming.KindEnumName(union.TypeName);
            w.WriteLine($$"""
                /// <summary>Every kind of <see cref="{{union.TypeName}}"/> the generator knows, one per <c>"type"</c> string.</summary>
                {{union.Accessibility}} enum {{kindEnum}}
                {
                    /// <summary>A <c>"type"</c> no case declares.</summary>
                    Unknown = 0,
                """);
            w.Indentation++;
            for (int i = 0; i < spec.Cases.Count; i++)
            {
                w.WriteLine($"/// <summary><c>{Xml(spec.Cases[i].Discriminator)}</c></summary>");
                w.WriteLine($"{spec.Cases[i].KindMemberName} = {(i + 1).ToString(CultureInfo.InvariantCulture)},");
            }

            w.CloseBlock();
            w.WriteLine($$"""

                {{union.Accessibility}} abstract partial class {{union.TypeName}} : {{JsonValueInterface}}<{{union.FullyQualifiedName}}>
                {
                    /// <summary>How many cases the union has (the size of a <see cref="global::ProtocolCore.Json.JsonInstanceCache{T}"/>).</summary>
                    public const int CaseCount = {{Number(spec.Cases.Count)}};

                    /// <summary>The <c>"type"</c> strings of every case, in <see cref="Kind"/> order (index = kind - 1).</summary>
                    public static global::System.Collections.Generic.IReadOnlyList<string> KnownDiscriminators { get; } = new string[]
                    {
                """);
            w.Indentation += 2;
            foreach (UnionCaseSpec c in spec.Cases)
            {
                w.WriteLine(StringLiteral(c.Discriminator) + ",");
            }

            w.Indentation--;
            w.WriteLine($$"""
                };

                /// <summary>Which case this is (<see cref="{{kindEnum}}.Unknown"/> for the fallback).</summary>
                public abstract {{kindEnum}} Kind { get; }

                public abstract void {{WriteMethod}}({{WriterType}} writer);

                /// <summary>Reads a new instance of whichever case the object's <c>"type"</c> names.</summary>
                public static {{union.FullyQualifiedName}} {{ReadMethod}}(ref {{ReaderType}} reader, {{ContextType}} context) => {{ReadMethod}}(ref reader, context, null);

                /// <summary>
                /// Reads whichever case the object's <c>"type"</c> names, into the instance <paramref name="cache"/> keeps for that
                /// case when one is given (zero allocation in steady state), else into a new instance.
                /// </summary>
                public static {{union.FullyQualifiedName}} {{ReadMethod}}(ref {{ReaderType}} reader, {{ContextType}} context, {{InstanceCacheType}}<{{union.FullyQualifiedName}}>? cache)
                {
                    // Fast path: live traffic puts a compact, unescaped "type" first; read it in place, find the case with one
                    // length switch and compare, and let the case continue from there. Everything else (and an unknown
                    // "type") goes to the general path from the start of the object. Kept small: no stackalloc, no
                    // per-case code beyond a call, so it is tiered with profile data and needs no big frame to clear.
                    {{ReaderType}} pcStart = reader;
                    if (reader.TryReadPropertyName("\"type\":"u8) && reader.TryReadStringPropertyValue() && !reader.ValueIsEscaped)
                    {
                        switch ({{FindCaseMethod}}(reader.ValueSpan))
                        {
                """);
            w.Indentation += 3;
            for (int i = 0; i < spec.Cases.Count; i++)
            {
                UnionCaseSpec c = spec.Cases[i];
                string index = Number(i);
                w.WriteLine($$"""
                    case {{index}}:
                    {
                        var pcValue = cache is null ? new {{c.FullyQualifiedName}}() : ({{c.FullyQualifiedName}}?)cache.Peek({{index}}) ?? cache.Keep({{index}}, new {{c.FullyQualifiedName}}());
                        pcValue.{{ReadRestMethod}}(ref reader, context);
                        return pcValue;
                    }
                    """);
            }

            w.Indentation -= 3;
            w.WriteLine($$"""
                        }
                    }

                    reader = pcStart;
                    return {{ReadGeneralMethod}}(ref reader, context, cache);
                }

                // The case of a "type" read in place, by its index; -1 when no case has it.
                private static int {{FindCaseMethod}}({{ReadOnlySpanType}} pcName)
                {
                    switch (pcName.Length)
                    {
                """);
            w.Indentation += 2;
            var byIndex = spec.Cases.Select((c, i) => (Case: c, Index: i)).ToList();
            foreach (IGrouping<int, (UnionCaseSpec Case, int Index)> group in byIndex.GroupBy(c => Encoding.UTF8.GetByteCount(c.Case.Discriminator)).OrderBy(g => g.Key))
            {
                w.WriteLine($"case {group.Key.ToString(CultureInfo.InvariantCulture)}:");
                w.Indentation++;
                foreach ((UnionCaseSpec c, int index) in group)
                {
                    w.WriteLine($$"""
                        if (global::System.MemoryExtensions.SequenceEqual(pcName, {{Utf8Literal(c.Discriminator)}}))
                        {
                            return {{Number(index)}};
                        }
                        """);
                }

                w.WriteLine("break;");
                w.Indentation--;
            }

            w.Indentation -= 2;
            w.WriteLine($$"""
                    }

                    return -1;
                }

                // The general path: "type" anywhere in the object, escaped, after whitespace, or unknown.
                private static {{union.FullyQualifiedName}} {{ReadGeneralMethod}}(ref {{ReaderType}} reader, {{ContextType}} context, {{InstanceCacheType}}<{{union.FullyQualifiedName}}>? cache)
                {
                    {{ReaderType}} pcStart = reader;
                    {{SpanType}} pcType = stackalloc byte[{{DiscriminatorType}}.MaxLength];
                    int pcLength;
                    scoped {{ReadOnlySpanType}} pcName;
                    // Fast path: live traffic puts an unescaped "type" first (and compact: one compare); read it in place and
                    // let the case continue from there.
                    bool pcInPlace = (reader.TryReadPropertyName("\"type\":"u8)
                            || (reader.Read() && reader.TokenType == {{TokenType}}.PropertyName && !reader.ValueIsEscaped
                                && global::System.MemoryExtensions.SequenceEqual(reader.ValueSpan, "type"u8)))
                        && reader.Read() && reader.TokenType == {{TokenType}}.String && !reader.ValueIsEscaped;
                    if (pcInPlace)
                    {
                        pcName = reader.ValueSpan;
                        pcLength = pcName.Length;
                    }
                    else
                    {
                        reader = pcStart;
                        pcLength = {{DiscriminatorType}}.Find(reader, pcType);
                        pcName = pcLength >= 0 ? pcType.Slice(0, pcLength) : default;
                    }

                    switch (pcName.Length)
                    {
                """);
            w.Indentation += 2;
            var indexed = spec.Cases.Select((c, i) => (Case: c, Index: i)).ToList();
            foreach (IGrouping<int, (UnionCaseSpec Case, int Index)> group in indexed.GroupBy(c => Encoding.UTF8.GetByteCount(c.Case.Discriminator)).OrderBy(g => g.Key))
            {
                w.WriteLine($"case {group.Key.ToString(CultureInfo.InvariantCulture)}:");
                w.Indentation++;
                foreach ((UnionCaseSpec c, int index) in group)
                {
                    w.WriteLine($$"""
                        if (global::System.MemoryExtensions.SequenceEqual(pcName, {{Utf8Literal(c.Discriminator)}}))
                        {
                            var pcValue = cache is null ? new {{c.FullyQualifiedName}}() : cache.Get<{{c.FullyQualifiedName}}>({{Number(index)}});
                            if (pcInPlace)
                                pcValue.{{ReadRestMethod}}(ref reader, context);
                            else
                                pcValue.{{ReadIntoMethod}}(ref reader, context);
                            return pcValue;
                        }
                        """);
                }

                w.WriteLine("break;");
                w.Indentation--;
            }

            w.CloseBlock();
            w.WriteLine();
            if (union.FallbackTypeName is not null)
            {
                w.WriteLine($$"""
                    // Unknown kind: keep the whole object so it can be inspected and written back unchanged.
                    string pcTypeName = pcLength >= 0 ? global::System.Text.Encoding.UTF8.GetString(pcName) : pcLength == -2 ? {{DiscriminatorType}}.GetString(pcStart) : string.Empty;
                    reader = pcStart;
                    {{RawJsonType}} pcRaw = context.ReadRaw(ref reader);
                    return new {{union.FallbackTypeName}}(pcTypeName, pcRaw);
                    """);
            }
            else
            {
                w.WriteLine($"throw new {ExceptionType}(\"Unknown or missing \\\"type\\\" for {union.TypeName}.\", reader.TokenStartIndex);");
            }

            w.CloseBlock();
            w.CloseBlock();
            return w.ToString();
        }

        public static string EmitEnum(EnumSpec spec)
        {
            var w = new SourceWriter();
            w.WriteLine(FileHeader);
            WriteNamespace(w, spec.Namespace);
            string type = spec.FullyQualifiedName;
            string valueType = $"{StringEnumType}<{type}>";
            w.WriteLine($$"""
                /// <summary>Maps <see cref="{{spec.TypeName}}"/> to and from its JSON strings; unknown strings are kept.</summary>
                {{spec.Accessibility}} static class {{spec.TypeName}}Json
                {
                """);
            w.Indentation++;
            foreach (EnumMemberSpec member in spec.Members)
            {
                w.WriteLine($"private static readonly {EncodedTextType} s_{member.Name} = {EncodedTextType}.Encode({Utf8Literal(member.JsonValue)});");
            }

            w.WriteLine($$"""

                public static {{valueType}} Read(ref {{ReaderType}} reader)
                {
                    {{HelpersType}}.ExpectToken(ref reader, {{TokenType}}.String);
                    if (!reader.ValueIsEscaped)
                    {
                        if (TryParse(reader.ValueSpan, out {{type}} pcKnown))
                        {
                            return {{valueType}}.Known(pcKnown);
                        }
                    }
                    else if (TryParse(global::System.Text.Encoding.UTF8.GetBytes(reader.GetString()!), out {{type}} pcUnescaped))
                    {
                        return {{valueType}}.Known(pcUnescaped);
                    }

                    return {{valueType}}.Unknown(reader.GetString()!);
                }

                public static bool TryParse({{ReadOnlySpanType}} utf8, out {{type}} value)
                {
                """);
            w.Indentation++;
            foreach (EnumMemberSpec member in spec.Members)
            {
                w.WriteLine($$"""
                    if (global::System.MemoryExtensions.SequenceEqual(utf8, {{Utf8Literal(member.JsonValue)}}))
                    {
                        value = {{type}}.{{member.Name}};
                        return true;
                    }
                    """);
            }

            w.Indentation--;
            w.WriteLine($$"""
                    value = default;
                    return false;
                }

                public static void Write({{WriterType}} writer, {{valueType}} value)
                {
                    if (!value.IsKnown)
                    {
                        writer.WriteStringValue(value.UnknownValue);
                        return;
                    }

                    switch (value.Value)
                    {
                """);
            w.Indentation += 2;
            foreach (EnumMemberSpec member in spec.Members)
            {
                w.WriteLine($$"""
                    case {{type}}.{{member.Name}}:
                        writer.WriteStringValue(s_{{member.Name}});
                        return;
                    """);
            }

            w.Indentation -= 2;
            w.WriteLine($$"""
                        default:
                            throw new global::System.ArgumentOutOfRangeException(nameof(value), value.Value, "Not a member of {{spec.TypeName}}.");
                    }
                }

                /// <summary>The JSON string of <paramref name="value"/>.</summary>
                public static string ToJsonString({{type}} value) => value switch
                {
                """);
            w.Indentation++;
            foreach (EnumMemberSpec member in spec.Members)
            {
                w.WriteLine($"{type}.{member.Name} => {StringLiteral(member.JsonValue)},");
            }

            w.WriteLine($"_ => throw new global::System.ArgumentOutOfRangeException(nameof(value), value, \"Not a member of {spec.TypeName}.\"),");
            w.CloseBlock(";");
            w.CloseBlock();
            return w.ToString();
        }

        /// <summary>
        /// The members of a union's partial fallback class: whatever the <c>"type"</c>, the object is kept whole and
        /// written back byte for byte. <c>OnCreated</c> lets the class derive more from the raw object.
        /// </summary>
        public static string EmitFallback(FallbackSpec spec)
        {
            var w = new SourceWriter();
            w.WriteLine(FileHeader);
            WriteNamespace(w, spec.Namespace);
            string @override = spec.OverridesType ? "override " : string.Empty;
            w.WriteLine($$"""
                partial class {{spec.TypeName}}
                {
                    /// <summary>Wraps an object whose <c>"type"</c> no case declares.</summary>
                    /// <param name="type">The <c>"type"</c> string as received (empty when the object had none).</param>
                    /// <param name="json">The whole object as received.</param>
                    public {{spec.TypeName}}(string type, {{RawJsonType}} json)
                    {
                        global::System.ArgumentNullException.ThrowIfNull(type);
                        Type = type;
                        Json = json;
                        OnCreated();
                    }

                    /// <summary>The <c>"type"</c> string as received (empty when the object had none).</summary>
                    public {{@override}}string Type { get; }

                    public override {{spec.KindEnumName}} Kind => {{spec.KindEnumName}}.Unknown;

                    /// <summary>The whole object as received.</summary>
                    public {{RawJsonType}} Json { get; }

                    /// <summary>Writes the object back exactly as received.</summary>
                    public override void {{WriteMethod}}({{WriterType}} writer) => Json.WriteTo(writer);

                    partial void OnCreated();
                }
                """);
            return w.ToString();
        }

        private static void WriteNamespace(SourceWriter w, string @namespace)
        {
            if (@namespace.Length > 0)
            {
                w.WriteLine();
                w.WriteLine($"namespace {@namespace};");
            }

            w.WriteLine();
        }
    }
}
