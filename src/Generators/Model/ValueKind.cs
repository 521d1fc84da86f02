namespace ProtocolCore.Generators.Model;

/// <summary>How one JSON value maps to a C# type.</summary>
internal enum ValueKind
{
    String,
    Utf8Text,
    Boolean,
    Int32,
    Int64,
    Double,
    StringEnum,
    JsonValue,
    RawJson,
    List,
    Dictionary,
}
