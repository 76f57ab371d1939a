namespace HFDesk.Server.Contracts;

/// <summary><c>GET /api/cache/{owner}/{repo}</c>: the entry plus its snapshots and the files of the current one.</summary>
internal sealed record CacheDetailResponse : CacheEntryResponse
{
    public required IReadOnlyList<CacheSnapshotResponse> Snapshots { get; init; }

    public required IReadOnlyList<CacheFileResponse> Files { get; init; }

    /// <summary>The same repo found in other places (another source), as list entries.</summary>
    public required IReadOnlyList<CacheEntryResponse> OtherLocations { get; init; }
}
