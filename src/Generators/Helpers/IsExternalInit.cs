namespace System.Runtime.CompilerServices;

// netstandard2.0 lacks it; records and init accessors need it to exist.
internal static class IsExternalInit
{
}
