using HFDesk.Core.Cache;
using HFDesk.Core.Hub;
using HFDesk.Core.Planning;
using HFDesk.Core.Storage;
using HFDesk.HubEmulator;

namespace HFDesk.Core.Tests.Execution;

/// <summary>What the runner writes is what the cache browser reads: manifests decide complete vs filtered.</summary>
public sealed class RunnerCacheScanTests
{
    [Fact(Timeout = 120_000)]
    public async Task Scan_AfterFullAndFilteredDownloads_ReportsCompleteAndFiltered()
    {
        await using var h = await RunnerHarness.StartAsync();
        var destination = h.Cache();
        await h.DownloadAsync(StandardFixtures.TransformersRepo, destination, TestContext.Current.CancellationToken);
        await h.DownloadAsync(StandardFixtures.GgufRepo, destination, TestContext.Current.CancellationToken, new FilterSpec(["Q4_K_M"], exactMatch: true));
        var roots = new StorageRoots { CacheDir = h.Dir.Path, HubDir = h.HubDir, HubDirSource = HubDirSource.CacheDir };

        var scan = CacheScanner.Scan(roots, TestContext.Current.CancellationToken);

        var full = scan.Find(RepoType.Model, StandardFixtures.TransformersRepo);
        var filtered = scan.Find(RepoType.Model, StandardFixtures.GgufRepo);
        Assert.NotEmpty(full);
        Assert.NotEmpty(filtered);
        Assert.All(full, r => Assert.Equal(CacheDownloadStatus.Complete, r.DownloadStatus));
        Assert.All(filtered, r => Assert.Equal(CacheDownloadStatus.Filtered, r.DownloadStatus));
        Assert.All(scan.Repos, r => Assert.Empty(r.Warnings));
        Assert.Empty(scan.Warnings);
    }
}
