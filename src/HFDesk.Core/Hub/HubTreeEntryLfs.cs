using System.Text.Json.Serialization;

namespace HFDesk.Core.Hub;

internal sealed record HubTreeEntryLfs(
    [property: JsonPropertyName("oid")] string Oid,
    [property: JsonPropertyName("size")] long Size,
    [property: JsonPropertyName("pointerSize")] long? PointerSize);
