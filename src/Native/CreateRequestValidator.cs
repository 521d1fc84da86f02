using System;
using System.Text.Json;

namespace ProtocolCore.Native;

/// <summary>
/// Checks the JSON a caller hands to <c>pc_codec_encode_create</c>: one well-formed object (which also proves it is
/// UTF-8) whose top-level <c>"type"</c> is <c>"response.create"</c>. The bytes are then sent as given; decoding them into
/// <c>ResponseCreateRequest</c> would only cost time and could drop members the models do not know yet.
/// </summary>
internal static class CreateRequestValidator
{
    /// <exception cref="PcException">With <see cref="PcStatus.Json"/> and the reason.</exception>
    public static void Validate(ReadOnlySpan<byte> utf8Json)
    {
        bool typeFound = false;
        try
        {
            var reader = new Utf8JsonReader(utf8Json, new JsonReaderOptions { MaxDepth = 256 });
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                throw Fail("a response.create request must be a JSON object");
            }

            while (reader.Read())
            {
                if (reader.CurrentDepth == 1 && reader.TokenType == JsonTokenType.PropertyName && reader.ValueTextEquals("type"u8))
                {
                    reader.Read();
                    if (reader.TokenType != JsonTokenType.String || !reader.ValueTextEquals("response.create"u8))
                    {
                        throw Fail("\"type\" must be \"response.create\"");
                    }

                    typeFound = true;
                }
            }
        }
        catch (JsonException e)
        {
            throw Fail($"invalid JSON: {e.Message}");
        }

        if (!typeFound)
        {
            throw Fail("the request has no \"type\": \"response.create\" member");
        }
    }

    private static PcException Fail(string message) => new(PcStatus.Json, message);
}
