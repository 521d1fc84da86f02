using ProtocolCore.Json;

namespace ProtocolCore.Models;

/// <summary>One output of a <c>code_interpreter_call</c>, by its <c>"type"</c>.</summary>
[JsonUnion(Fallback = typeof(UnknownCodeInterpreterOutput))]
public abstract partial class CodeInterpreterOutput
{
}
