using HFDesk.Core.Hub;

namespace HFDesk.Core.Cache;

internal sealed record CacheScanResult(IReadOnlyList<CachedRepo> Repos, IReadOnlyList<string> Warnings)
{
    public CacheStats Stats => CacheStats.From(Repos);

    /// <summary>Every place a repository was found (HF cache, friendly view, local roots).</summary>
    public IReadOnlyList<CachedRepo> Find(RepoType type, string repo) =>
        Repos.Where(r => r.Type == type && string.Equals(r.Repo, repo, StringComparison.OrdinalIgnoreCase)).ToList();

    /// <summary>api.md's <c>type</c> and <c>search</c> filters (case-insensitive substring of <c>owner/name</c>).</summary>
    public IReadOnlyList<CachedRepo> Filter(RepoType? type, string? search) =>
        Repos.Where(r => (type is null || r.Type == type)
                && (string.IsNullOrWhiteSpace(search) || r.Repo.Contains(search.Trim(), StringComparison.OrdinalIgnoreCase)))
            .ToList();
}
