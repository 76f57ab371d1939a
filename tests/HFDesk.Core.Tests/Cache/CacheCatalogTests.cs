using HFDesk.Core.Cache;
using HFDesk.Core.Hub;
using HFDesk.Core.Settings;
using HFDesk.Core.Storage;
using HFDesk.Core.Tests.Settings;

namespace HFDesk.Core.Tests.Cache;

public sealed class CacheCatalogTests : IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly HubCacheWriter _cache;

    public CacheCatalogTests()
    {
        _cache = new HubCacheWriter(_temp.Combine("cache"));
        Directory.CreateDirectory(_cache.HubDir);
    }

    public void Dispose() => _temp.Dispose();

    [Fact(Timeout = 30_000)]
    public async Task Invalidate_WhileAScanIsReadingTheDisk_TheNextCallScansAgain()
    {
        // Regression: a scan that began before a download finished was cached after the download's Invalidate,
        // so search badges showed the repo missing for the scan's whole max age.
        var ct = TestContext.Current.CancellationToken;
        var roots = StorageRoots.Resolve(
            HfDeskSettings.Defaults with { CacheDir = _cache.CacheRoot },
            SettingsOverrides.None,
            HfEnvironment.Empty(_temp.Combine("home")));
        var scans = 0;
        using var inFirstScan = new SemaphoreSlim(0);
        using var finishFirstScan = new SemaphoreSlim(0);
        var catalog = new CacheCatalog(() => roots, TimeProvider.System, (r, token) =>
        {
            var result = CacheScanner.Scan(r, token);
            if (Interlocked.Increment(ref scans) == 1)
            {
                inFirstScan.Release();
                Assert.True(finishFirstScan.Wait(TimeSpan.FromSeconds(20), token), "the test never let the first scan finish");
            }

            return result;
        });

        var first = catalog.GetAsync(TimeSpan.FromMinutes(5), ct);
        Assert.True(await inFirstScan.WaitAsync(TimeSpan.FromSeconds(20), ct), "the first scan never started");
        _cache.AddSnapshot(RepoType.Model, "acme/tiny", HubCacheWriter.CommitOf("tiny"), [("config.json", "{}")], refs: ["main"]);
        catalog.Invalidate();
        finishFirstScan.Release();
        Assert.Empty((await first).Repos);

        var afterDownload = await catalog.GetAsync(TimeSpan.FromMinutes(5), ct);
        var reused = await catalog.GetAsync(TimeSpan.FromMinutes(5), ct);

        Assert.Equal("acme/tiny", Assert.Single(afterDownload.Repos).Repo);
        Assert.Same(afterDownload, reused);
        Assert.Equal(2, scans);
    }
}
