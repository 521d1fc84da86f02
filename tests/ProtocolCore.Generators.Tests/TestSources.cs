namespace ProtocolCore.Generators.Tests;

/// <summary>Representative inputs shared by the baseline and incremental tests.</summary>
internal static class TestSources
{
    public const string FlatModel = """
        using ProtocolCore.Json;

        namespace Demo;

        [JsonModel]
        public sealed partial class FlatEvent
        {
            public Utf8Text? ItemId { get; set; }

            public int? OutputIndex { get; set; }

            public int ContentIndex { get; set; }

            public string? Name { get; set; }

            public bool? Done { get; set; }

            public double? Score { get; set; }

            public long? CreatedAt { get; set; }

            public JsonExtensionData ExtensionData { get; set; }
        }
        """;

    public const string Union = """
        using System.Text.Json;
        using ProtocolCore.Json;

        namespace Demo;

        [JsonUnion(Fallback = typeof(OtherEvent))]
        public abstract partial class StreamEvent
        {
            public int? SequenceNumber { get; set; }

            public JsonExtensionData ExtensionData { get; set; }
        }

        [JsonModel(Discriminator = "stream.started")]
        public sealed partial class StartedEvent : StreamEvent
        {
            public string? Id { get; set; }
        }

        [JsonModel(Discriminator = "stream.text.delta")]
        public sealed partial class TextDeltaEvent : StreamEvent
        {
            public Utf8Text? Delta { get; set; }
        }

        public sealed class OtherEvent : StreamEvent
        {
            public OtherEvent(string type, RawJson json)
            {
                Type = type;
                Json = json;
            }

            public string Type { get; }

            public RawJson Json { get; }

            public override StreamEventKind Kind => StreamEventKind.Unknown;

            public override void WriteJson(Utf8JsonWriter writer) => Json.WriteTo(writer);
        }
        """;

    public const string StringEnum = """
        using ProtocolCore.Json;

        namespace Demo;

        [JsonStringEnum]
        public enum Status
        {
            Completed,
            InProgress,
            [JsonStringValue("canceled")]
            Cancelled,
        }
        """;

    public const string RichModel = """
        using System.Collections.Generic;
        using ProtocolCore.Json;

        namespace Demo;

        [JsonStringEnum]
        public enum Role
        {
            User,
            Assistant,
        }

        [JsonModel]
        public sealed partial class Usage
        {
            public int InputTokens { get; set; }

            public int OutputTokens { get; set; }
        }

        [JsonModel]
        public sealed partial class Message
        {
            [JsonName("msg_id")]
            public string Id { get; set; } = "";

            public StringEnum<Role> Role { get; set; }

            public List<string>? Parts { get; set; }

            public List<Usage>? History { get; set; }

            public Dictionary<string, string>? Metadata { get; set; }

            public Dictionary<string, Usage>? UsageByModel { get; set; }

            public RawJson Arguments { get; set; }

            public Usage? Usage { get; set; }
        }
        """;

    /// <summary>
    /// Members a view decode reads into again: a union, an array of union cases, and hand-written values with a reusing
    /// read (a subset of a union through its cache, a value read into the previous one), next to one without.
    /// </summary>
    public const string ReusedMembers = """
        using System.Collections.Generic;
        using System.Text.Json;
        using ProtocolCore.Json;

        namespace Demo;

        [JsonUnion]
        public abstract partial class Shape
        {
        }

        [JsonModel(Discriminator = "circle")]
        public sealed partial class Circle : Shape
        {
            public double? Radius { get; set; }
        }

        public abstract class RoundShape : Shape, IJsonValue<RoundShape>
        {
            public static new RoundShape ReadJson(ref JsonScanner reader, JsonReadContext context) => ReadJson(ref reader, context, null);

            internal static new RoundShape ReadJson(ref JsonScanner reader, JsonReadContext context, JsonInstanceCache<Shape>? cache) =>
                (RoundShape)Shape.ReadJson(ref reader, context, cache);
        }

        public sealed class Label : IJsonValue<Label>
        {
            public string? Text { get; private set; }

            public static Label ReadJson(ref JsonScanner reader, JsonReadContext context) => ReadJson(ref reader, context, null);

            internal static Label ReadJson(ref JsonScanner reader, JsonReadContext context, Label? reuse)
            {
                Label label = reuse ?? new Label();
                label.Text = context.ReadString(ref reader);
                return label;
            }

            public void WriteJson(Utf8JsonWriter writer) => writer.WriteStringValue(Text);
        }

        public sealed class Note : IJsonValue<Note>
        {
            public string? Text { get; private set; }

            public static Note ReadJson(ref JsonScanner reader, JsonReadContext context) => new() { Text = context.ReadString(ref reader) };

            public void WriteJson(Utf8JsonWriter writer) => writer.WriteStringValue(Text);
        }

        [JsonModel]
        public sealed partial class Drawing
        {
            public Shape? Main { get; set; }

            public List<Shape>? Shapes { get; set; }

            public RoundShape? Round { get; set; }

            public Label? Label { get; set; }

            public List<Label>? Labels { get; set; }

            public Note? Note { get; set; }
        }
        """;

    /// <summary>The native library's table attributes; internal to ProtocolCore.Native, so a compilation declares its own.</summary>
    public const string NativeTableAttributes = """
        using System;

        namespace ProtocolCore.Native;

        [AttributeUsage(AttributeTargets.Class)]
        internal sealed class NativeEventKindTableAttribute : Attribute
        {
            public NativeEventKindTableAttribute(Type union) => Union = union;

            public Type Union { get; }
        }

        [AttributeUsage(AttributeTargets.Class)]
        internal sealed class NativeEventFieldReaderAttribute : Attribute
        {
            public NativeEventFieldReaderAttribute(Type union) => Union = union;

            public Type Union { get; }
        }
        """;

    /// <summary>
    /// A union whose cases carry native kinds (declared out of order), a fallback the generator completes, and both
    /// native tables over it.
    /// </summary>
    public const string NativeTables = """
        using ProtocolCore.Json;
        using ProtocolCore.Native;

        namespace Demo;

        [JsonUnion(Fallback = typeof(OtherEvent))]
        public abstract partial class StreamEvent
        {
            public abstract string Type { get; }
        }

        [JsonModel(Discriminator = "stream.started")]
        [NativeEventKind(2)]
        public sealed partial class StartedEvent : StreamEvent
        {
            public override string Type => JsonDiscriminator;

            public string? Id { get; set; }
        }

        [JsonModel(Discriminator = "stream.text.delta")]
        [NativeEventKind(1)]
        public sealed partial class TextDeltaEvent : StreamEvent
        {
            public override string Type => JsonDiscriminator;

            public string? Id { get; set; }

            public int? Index { get; set; }

            public Utf8Text? Delta { get; set; }
        }

        /// <summary>Anything else; the generator writes its members.</summary>
        public sealed partial class OtherEvent : StreamEvent;

        [NativeEventKindTable(typeof(StreamEvent))]
        internal static partial class StreamKinds
        {
        }

        [NativeEventFieldReader(typeof(StreamEvent))]
        internal static partial class StreamFields
        {
            public static partial void Read(StreamEvent e, out string? id, out int? index, out Utf8Text? delta);
        }
        """;
}
