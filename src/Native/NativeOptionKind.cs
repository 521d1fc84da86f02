namespace ProtocolCore.Native;

/// <summary>What a <see cref="NativeOption"/> accepts, and so which message a wrong value gets.</summary>
internal enum NativeOptionKind
{
    /// <summary>A JSON integer from <see cref="NativeOption.Min"/> to <see cref="NativeOption.Max"/>.</summary>
    Integer,

    /// <summary><c>true</c> or <c>false</c>, read as 1 or 0.</summary>
    Boolean,

    /// <summary>One of <see cref="NativeOption.Choices"/>, read as its index.</summary>
    Choice,
}
