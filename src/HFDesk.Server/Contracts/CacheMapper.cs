using HFDesk.Core.Cache;
using HFDesk.Core.Hub;
using HFDesk.Core.Units;

namespace HFDesk.Server.Contracts;

internal static class CacheMapper
{
    public static CacheEntryResponse ToEntry(this CachedRepo repo)
    {
        ArgumentNullException.ThrowIfNull(repo);
        return new CacheEntryResponse
        {
            Repo = repo.Repo,
            Owner = repo.Owner,
            Name = repo.Name,
            Type = repo.Type.Word(),
            Source = repo.Source.Text(),
            Path = repo.Path,
            FriendlyPath = repo.FriendlyPath,
            Size = repo.Size,
            SizeHuman = ByteSize.Format(repo.Size),
            FileCount = repo.FileCount,
            Branch = repo.Branch,
            Commit = repo.Commit,
            Downloaded = repo.Downloaded,
            DownloadStatus = repo.DownloadStatus.Word(),
            Manifest = repo.Manifest is { } m
                ? new CacheManifestResponse(m.Revision, m.Commit, m.Filters, m.Excludes, m.ExactMatch, m.Complete, m.RepoFileCount, m.Files.Count, m.CreatedAt, m.UpdatedAt)
                : null,
            Quantizations = repo.Quantizations,
            IncompleteFiles = repo.IncompleteFiles,
            Warnings = repo.Warnings,
        };
    }

    public static CacheDetailResponse ToDetail(this CachedRepo repo, IEnumerable<CachedRepo> otherLocations)
    {
        ArgumentNullException.ThrowIfNull(repo);
        var entry = repo.ToEntry();
        return new CacheDetailResponse
        {
            Repo = entry.Repo,
            Owner = entry.Owner,
            Name = entry.Name,
            Type = entry.Type,
            Source = entry.Source,
            Path = entry.Path,
            FriendlyPath = entry.FriendlyPath,
            Size = entry.Size,
            SizeHuman = entry.SizeHuman,
            FileCount = entry.FileCount,
            Branch = entry.Branch,
            Commit = entry.Commit,
            Downloaded = entry.Downloaded,
            DownloadStatus = entry.DownloadStatus,
            Manifest = entry.Manifest,
            Quantizations = entry.Quantizations,
            IncompleteFiles = entry.IncompleteFiles,
            Warnings = entry.Warnings,
            Snapshots = repo.Snapshots
                .OrderByDescending(s => s.LastModified)
                .Select(s => new CacheSnapshotResponse(s.Commit, s.Refs, s.Files.Count, s.Size, ByteSize.Format(s.Size), s.LastModified))
                .ToList(),
            Files = repo.Files
                .OrderBy(f => f.Path, StringComparer.Ordinal)
                .Select(f => new CacheFileResponse(f.Path, f.Size, ByteSize.Format(f.Size), f.Blob))
                .ToList(),
            OtherLocations = otherLocations.Select(o => o.ToEntry()).ToList(),
        };
    }

    public static CacheStatsResponse ToResponse(this CacheStats stats)
    {
        ArgumentNullException.ThrowIfNull(stats);
        return new CacheStatsResponse(stats.TotalModels, stats.TotalDatasets, stats.TotalSize, ByteSize.Format(stats.TotalSize), stats.TotalFiles);
    }

    /// <summary>The one delete answer: <c>DELETE /api/cache/{owner}/{repo}</c> and <c>hfdesk cache rm --json</c>.</summary>
    public static CacheDeleteResponse ToResponse(this CacheDeleteResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return new CacheDeleteResponse(true, result.Message, result.DeletedPaths, result.FreedBytes, ByteSize.Format(result.FreedBytes), result.Warnings);
    }
}
