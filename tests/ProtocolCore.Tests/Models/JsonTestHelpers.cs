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
        context.Reset(input, owned: true);
        var reader = new Utf8JsonReader(input);
        reader.Read();
        T value = T.ReadJson(ref reader, context);
        Assert.False(reader.Read(), "The reader did not consume the whole value.");
        return value;
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
