using System.Diagnostics.CodeAnalysis;
using HFDesk.Core.Hub;
using HFDesk.Core.Storage;

namespace HFDesk.Core.Cache;

/// <summary>
/// The latest cache scan, shared: search badges ask about 40 repos per request and must not trigger 40
/// scans. A result is reused for a short while, for the same roots only, and dropped when something
/// changes the cache (a delete, a rebuild, a finished download calling <see cref="Invalidate"/>).
/// </summary>
[SuppressMessage("Design", "CA1001", Justification = "The SemaphoreSlim never allocates its wait handle (only WaitAsync is used); the catalog lives as long as the host.")]
internal sealed class CacheCatalog : ILocalRepoIndex
{
    public static readonly TimeSpan DefaultMaxAge = TimeSpan.FromSeconds(10);

    private readonly SemaphoreSlim _scanGate = new(1, 1);
    private readonly Func<StorageRoots> _roots;
    private readonly TimeProvider _timeProvider;
    private readonly Func<StorageRoots, CancellationToken, CacheScanResult> _scan;
    private Cached? _cached;

    // Bumped by every Invalidate. A scan is kept only for the generation it started in: one that was already
    // reading the disk when a download finished must not be cached afterwards as if it had seen that download.
    private long _generation;

    public CacheCatalog(Func<StorageRoots> roots, TimeProvider timeProvider)
        : this(roots, timeProvider, CacheScanner.Scan)
    {
    }

    // scan: the scan itself; tests pass one that pauses, to change the cache while it runs.
    internal CacheCatalog(Func<StorageRoots> roots, TimeProvider timeProvider, Func<StorageRoots, CancellationToken, CacheScanResult> scan)
    {
        _roots = roots;
        _timeProvider = timeProvider;
        _scan = scan;
    }

    public void Invalidate()
    {
        Interlocked.Increment(ref _generation);
        Volatile.Write(ref _cached, null);
    }

    /// <summary>A scan no older than <paramref name="maxAge"/> (zero: scan now) of the current roots.</summary>
    public async Task<CacheScanResult> GetAsync(TimeSpan maxAge, CancellationToken cancellationToken)
    {
        var currentRoots = _roots();
        if (TryFresh(currentRoots, maxAge) is { } hit)
        {
            return hit;
        }

        await _scanGate.WaitAsync(cancellationToken);
        try
        {
            // Another caller may have scanned while we waited; a scan that started after we asked is fresh enough.
            var asked = _timeProvider.GetUtcNow();
            var generation = Interlocked.Read(ref _generation);
            if (Volatile.Read(ref _cached) is { } c && c.Generation == generation && c.Roots == currentRoots && c.At >= asked - maxAge && maxAge > TimeSpan.Zero)
            {
                return c.Result;
            }

            var result = await Task.Run(() => _scan(currentRoots, cancellationToken), cancellationToken);
            Volatile.Write(ref _cached, new Cached(generation, currentRoots, _timeProvider.GetUtcNow(), result));
            return result;
        }
        finally
        {
            _scanGate.Release();
        }
    }

    public async ValueTask<LocalRepoPresence> GetPresenceAsync(RepoId repo, RepoType type, CancellationToken cancellationToken)
    {
        var scan = await GetAsync(DefaultMaxAge, cancellationToken);
        var found = scan.Find(type, repo.ToString());
        if (found.Count == 0)
        {
            return LocalRepoPresence.Absent;
        }

        var sources = new List<string>();
        foreach (var entry in found)
        {
            sources.Add(entry.Source.Text());
            if (entry.FriendlyPath is not null && entry.Source == CacheSource.HfCache)
            {
                sources.Add(CacheSource.FriendlyView.Text());
            }
        }

        // The best thing any copy can say: complete beats filtered beats unknown.
        var status = found.Select(e => e.DownloadStatus)
            .OrderBy(s => s switch { CacheDownloadStatus.Complete => 0, CacheDownloadStatus.Filtered => 1, _ => 2 })
            .First();
        return new LocalRepoPresence(true, sources.Distinct().ToList(), status.Word());
    }

    private CacheScanResult? TryFresh(StorageRoots currentRoots, TimeSpan maxAge) =>
        maxAge > TimeSpan.Zero && Volatile.Read(ref _cached) is { } c && c.Generation == Interlocked.Read(ref _generation)
            && c.Roots == currentRoots && _timeProvider.GetUtcNow() - c.At <= maxAge
            ? c.Result
            : null;

    private sealed record Cached(long Generation, StorageRoots Roots, DateTimeOffset At, CacheScanResult Result);
}
