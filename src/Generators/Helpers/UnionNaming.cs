namespace ProtocolCore.Generators.Helpers;

/// <summary>Names the generator derives for union cases; one rule shared by the JSON and the native-table generators.</summary>
internal static class UnionNaming
{
    /// <summary>The kind enum of a union: <c>ResponsesEvent</c> has <c>ResponsesEventKind</c>.</summary>
    public static string KindEnumName(string unionName) => unionName + "Kind";

    /// <summary>The kind member of a case: <c>OutputTextDeltaEvent</c> is the <c>OutputTextDelta</c> kind of its union.</summary>
    public static string KindMemberName(string typeName) =>
        typeName.EndsWith("Event", System.StringComparison.Ordinal) && typeName.Length > "Event".Length
            ? typeName.Substring(0, typeName.Length - "Event".Length)
            : typeName;
}
