using System.Text.Json.Serialization;

namespace HFDesk.Core.Hub;

/// <summary>A file named in repo info. Size and LFS data only come with <c>blobs=true</c>; the tree is the full truth.</summary>
internal sealed record RepoSibling
{
    [JsonPropertyName("rfilename")]
    public required string Path { get; init; }

    [JsonPropertyName("size")]
    public long? Size { get; init; }

    [JsonPropertyName("blobId")]
    public string? BlobId { get; init; }
}
