using HFDesk.Core.Cache;
using HFDesk.Core.Hub;
using HFDesk.Core.Storage;
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

    /// <summary>The one list answer: <c>GET /api/cache</c> and <c>hfdesk cache list --json</c>.</summary>
    public static CacheListResponse ToListResponse(this IReadOnlyList<CachedRepo> repos, StorageRoots roots)
    {
        ArgumentNullException.ThrowIfNull(repos);
        ArgumentNullException.ThrowIfNull(roots);
        return new CacheListResponse(
            [.. repos.Select(r => r.ToEntry())], CacheStats.From(repos).ToResponse(), roots.CacheDir, roots.HubDir, roots.HubDirSourceText);
    }

    /// <summary>
    /// The one detail answer (<c>GET /api/cache/{owner}/{repo}</c>, <c>hfdesk cache show --json</c>) from every copy of
    /// the repo found: the hub cache copy is the primary one, the others are listed beside it.
    /// </summary>
    public static CacheDetailResponse ToDetail(this IReadOnlyList<CachedRepo> copies)
    {
        ArgumentNullException.ThrowIfNull(copies);
        var primary = copies.OrderBy(r => r.Source).First();
        return new CacheDetailResponse(
            primary.ToEntry(),
            [.. primary.Snapshots
                .OrderByDescending(s => s.LastModified)
                .Select(s => new CacheSnapshotResponse(s.Commit, s.Refs, s.Files.Count, s.Size, ByteSize.Format(s.Size), s.LastModified))],
            [.. primary.Files
                .OrderBy(f => f.Path, StringComparer.Ordinal)
                .Select(f => new CacheFileResponse(f.Path, f.Size, ByteSize.Format(f.Size), f.Blob))],
            [.. copies.Where(r => !ReferenceEquals(r, primary)).Select(o => o.ToEntry())]);
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

    /// <summary>The one rebuild answer: <c>POST /api/cache/rebuild</c> and <c>hfdesk cache rebuild</c>.</summary>
    public static CacheRebuildResponse ToResponse(this CacheRebuildResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var message = $"Rebuilt the friendly view of {result.Repos} repos ({result.FilesLinked} files)"
            + (result.Removed.Count > 0 ? $", removed {result.Removed.Count} orphans" : "");
        return new CacheRebuildResponse(true, message, result.Repos, result.FilesLinked, result.Removed, result.Warnings);
    }
}
