using System.Text.Json.Serialization;

namespace HFDesk.Core.Hub;

/// <summary>A branch, tag, convert or pull request: <c>{"name":"main","ref":"refs/heads/main","targetCommit":"…"}</c>.</summary>
internal sealed record RepoRef(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("ref")] string Ref,
    [property: JsonPropertyName("targetCommit")] string TargetCommit);
