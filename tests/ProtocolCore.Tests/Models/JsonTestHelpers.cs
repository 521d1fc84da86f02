using System.Buffers;
using System.Text;
using System.Text.Json;
using ProtocolCore.Events;
using ProtocolCore.Json;

namespace ProtocolCore.Tests.Models;

/// <summary>Reads and writes any generated value standalone, from a sequence cut by a <see cref="ReadOnlySequenceFactory"/>.</summary>
internal static class JsonTestHelpers
{
    public static T Read<T>(string json, string factory) where T : IJsonValue<T>
    {
        ReadOnlySequence<byte> input = ReadOnlySequenceFactory.ByName(factory).Create(Encoding.UTF8.GetBytes(json));
        using var context = new JsonReadContext();
        // Throws when the value does not consume the whole document.
        return ProtocolJson.Read<T>(input, context, owned: true);
    }

    public static string Write<T>(T value) where T : IJsonValue<T>
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, ResponsesEventJson.WriterOptions))
        {
            value.WriteJson(writer);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
