namespace ProtocolCore.Docs.Tests;

/// <summary>A fenced C# block of a document: where it is and its code.</summary>
public sealed record CodeBlock(string Document, int Line, string Code)
{
    public int LineCount => Code.Split('\n').Length;

    /// <summary>Shown as the theory case's name.</summary>
    public override string ToString() => $"{Document}:{Line}";
}
