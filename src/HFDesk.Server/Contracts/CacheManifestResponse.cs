namespace HFDesk.Server.Contracts;

/// <summary>What HFDesk recorded when it downloaded the repo (the file list is in the detail's <c>files</c>).</summary>
internal sealed record CacheManifestResponse(
    string Revision,
    string Commit,
    IReadOnlyList<string> Filters,
    IReadOnlyList<string> Excludes,
    bool ExactMatch,
    bool Complete,
    int RepoFileCount,
    int FileCount,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);
