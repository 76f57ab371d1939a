using System.Text.Json.Serialization;

namespace HFDesk.Core.Hub;

/// <summary>One item of <c>/tree/</c>: <c>{"type":"file","oid","size","path","lfs":{"oid","size","pointerSize"}}</c> or a directory.</summary>
internal sealed record HubTreeEntry(
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("oid")] string? Oid,
    [property: JsonPropertyName("size")] long Size,
    [property: JsonPropertyName("path")] string Path,
    [property: JsonPropertyName("lfs")] HubTreeEntryLfs? Lfs);
