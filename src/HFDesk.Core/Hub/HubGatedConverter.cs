using System.Text.Json;
using System.Text.Json.Serialization;

namespace HFDesk.Core.Hub;

/// <summary>The Hub's <c>gated</c> is <c>false</c> or a mode string (<c>"auto"</c>, <c>"manual"</c>).</summary>
internal sealed class HubGatedConverter : JsonConverter<string?>
{
    public override bool HandleNull => true;

    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.TokenType switch
    {
        JsonTokenType.String => reader.GetString() is { Length: > 0 } mode ? mode : null,
        JsonTokenType.True => "true",
        JsonTokenType.False or JsonTokenType.Null => null,
        _ => throw new JsonException($"Unexpected 'gated' value of type {reader.TokenType}"),
    };

    public override void Write(Utf8JsonWriter writer, string? value, JsonSerializerOptions options)
    {
        if (value is null)
        {
            writer.WriteBooleanValue(false);
        }
        else
        {
            writer.WriteStringValue(value);
        }
    }
}
