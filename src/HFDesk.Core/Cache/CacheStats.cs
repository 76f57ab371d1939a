namespace HFDesk.Core.Cache;

internal sealed record CacheStats(int TotalModels, int TotalDatasets, long TotalSize, int TotalFiles)
{
    /// <summary>A repo found in several places counts once per type; its bytes count once per place, since each place holds its own.</summary>
    public static CacheStats From(IEnumerable<CachedRepo> repos)
    {
        ArgumentNullException.ThrowIfNull(repos);
        var list = repos as IReadOnlyCollection<CachedRepo> ?? repos.ToList();
        var distinct = list.Select(r => (r.Type, Repo: r.Repo.ToUpperInvariant())).Distinct().ToList();
        return new CacheStats(
            distinct.Count(r => r.Type == Hub.RepoType.Model),
            distinct.Count(r => r.Type == Hub.RepoType.Dataset),
            list.Sum(r => r.Size),
            list.Sum(r => r.FileCount));
    }
}
