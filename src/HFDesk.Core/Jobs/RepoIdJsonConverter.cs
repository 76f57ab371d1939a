using System.Text.Json;
using System.Text.Json.Serialization;
using HFDesk.Core.Hub;

namespace HFDesk.Core.Jobs;

internal sealed class RepoIdJsonConverter : JsonConverter<RepoId>
{
    public override RepoId Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        RepoId.TryParse(reader.GetString(), out var id, out var error) ? id : throw new JsonException(error);

    public override void Write(Utf8JsonWriter writer, RepoId value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.ToString());
}
