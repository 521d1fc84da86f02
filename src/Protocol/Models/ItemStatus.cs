using ProtocolCore.Json;

namespace ProtocolCore.Models;

/// <summary>The <c>status</c> of an output or input item (the union of every item kind's values; others are kept as unknown strings).</summary>
[JsonStringEnum]
public enum ItemStatus
{
    /// <summary><c>in_progress</c></summary>
    InProgress,
    /// <summary><c>completed</c></summary>
    Completed,
    /// <summary><c>incomplete</c></summary>
    Incomplete,
    /// <summary><c>searching</c> (<c>file_search_call</c>, <c>web_search_call</c>)</summary>
    Searching,
    /// <summary><c>interpreting</c> (<c>code_interpreter_call</c>)</summary>
    Interpreting,
    /// <summary><c>generating</c> (<c>image_generation_call</c>)</summary>
    Generating,
    /// <summary><c>calling</c> (<c>mcp_call</c>)</summary>
    Calling,
    /// <summary><c>failed</c></summary>
    Failed,
}
