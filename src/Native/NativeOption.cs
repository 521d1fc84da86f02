namespace ProtocolCore.Native;

/// <summary>
/// One member of an options object given to the C ABI (<c>pc_codec_create</c>, <c>pc_session_open</c>): its JSON name
/// and the values it accepts. <see cref="NativeOptionsReader"/> reads a whole object against a list of these.
/// </summary>
internal sealed class NativeOption
{
    private NativeOption(string name, NativeOptionKind kind, int min, int max, string[] choices)
    {
        Name = name;
        Kind = kind;
        Min = min;
        Max = max;
        Choices = choices;
    }

    public string Name { get; }

    public NativeOptionKind Kind { get; }

    /// <summary>For <see cref="NativeOptionKind.Integer"/>: the smallest value accepted.</summary>
    public int Min { get; }

    /// <summary>For <see cref="NativeOptionKind.Integer"/>: the largest value accepted.</summary>
    public int Max { get; }

    /// <summary>For <see cref="NativeOptionKind.Choice"/>: the strings accepted; the value read is the index of one.</summary>
    public string[] Choices { get; }

    public static NativeOption Integer(string name, int min, int max) => new(name, NativeOptionKind.Integer, min, max, []);

    public static NativeOption Boolean(string name) => new(name, NativeOptionKind.Boolean, 0, 1, []);

    public static NativeOption Choice(string name, params string[] choices) => new(name, NativeOptionKind.Choice, 0, choices.Length - 1, choices);
}
