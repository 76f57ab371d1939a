using System.Diagnostics.CodeAnalysis;

namespace HFDesk.Server.Contracts;

/// <summary><c>GET /api/cache/{owner}/{repo}</c>: the entry plus its snapshots and the files of the current one.</summary>
internal sealed record CacheDetailResponse : CacheEntryResponse
{
    /// <summary>The entry's fields come whole from <see cref="CacheMapper.ToEntry"/> instead of being copied one by one.</summary>
    [SetsRequiredMembers]
    public CacheDetailResponse(
        CacheEntryResponse entry,
        IReadOnlyList<CacheSnapshotResponse> snapshots,
        IReadOnlyList<CacheFileResponse> files,
        IReadOnlyList<CacheEntryResponse> otherLocations)
        : base(entry)
    {
        Snapshots = snapshots;
        Files = files;
        OtherLocations = otherLocations;
    }

    public IReadOnlyList<CacheSnapshotResponse> Snapshots { get; init; }

    public IReadOnlyList<CacheFileResponse> Files { get; init; }

    /// <summary>The same repo found in other places (another source), as list entries.</summary>
    public IReadOnlyList<CacheEntryResponse> OtherLocations { get; init; }
}
