using System.Text.Json;

namespace ProtocolCore.Json;

/// <summary>
/// A type that reads and writes itself as one JSON value. The generator implements it for every model and union;
/// a hand-written type implementing it can be used as a model member too.
/// </summary>
public interface IJsonValue<TSelf> where TSelf : IJsonValue<TSelf>
{
    /// <summary>Reads the value whose first token the scanner is on; leaves the scanner on its last token.</summary>
    static abstract TSelf ReadJson(ref JsonScanner reader, JsonReadContext context);

    /// <summary>Writes the value.</summary>
    void WriteJson(Utf8JsonWriter writer);
}
