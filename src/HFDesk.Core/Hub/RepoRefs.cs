using System.Text.Json.Serialization;

namespace HFDesk.Core.Hub;

internal sealed record RepoRefs
{
    [JsonPropertyName("branches")]
    public IReadOnlyList<RepoRef> Branches { get; init; } = [];

    [JsonPropertyName("tags")]
    public IReadOnlyList<RepoRef> Tags { get; init; } = [];

    [JsonPropertyName("converts")]
    public IReadOnlyList<RepoRef> Converts { get; init; } = [];

    [JsonPropertyName("pullRequests")]
    public IReadOnlyList<RepoRef> PullRequests { get; init; } = [];
}
