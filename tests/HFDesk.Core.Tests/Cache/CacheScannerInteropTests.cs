using HFDesk.Core.Cache;
using HFDesk.Core.Hub;
using HFDesk.Core.Settings;
using HFDesk.Core.Storage;
using HFDesk.Core.Tests.Interop;
using HFDesk.Core.Tests.Settings;
using HFDesk.HubEmulator;

namespace HFDesk.Core.Tests.Cache;

/// <summary>The scanner reading a cache written by the official @huggingface/hub client (tests/interop).</summary>
public sealed class CacheScannerInteropTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact(Timeout = 600_000)]
    public async Task Scan_CacheWrittenByJsSnapshotDownload_ListsRepoAsForeignWithItsFiles()
    {
        var ct = TestContext.Current.CancellationToken;
        await NodeInterop.RequireNodeAsync(ct);
        await using var hub = await HubEmulatorHost.StartAsync(cancellationToken: ct);
        var cacheDir = _temp.Combine("cache");
        var hubDir = Path.Combine(cacheDir, "hub");
        Directory.CreateDirectory(hubDir);

        var write = await NodeInterop.RunScriptAsync(
            "check-hfdesk-cache.mjs",
            ["write", hub.Endpoint.GetLeftPart(UriPartial.Authority), hubDir, HubEmulatorTokens.Valid, "model", StandardFixtures.TransformersRepo],
            TimeSpan.FromMinutes(5),
            ct);
        Assert.True(write.ExitCode == 0, write.Describe());

        var roots = StorageRoots.Resolve(HfDeskSettings.Defaults with { CacheDir = cacheDir }, SettingsOverrides.None, HfEnvironment.Empty(_temp.Combine("home")));
        var result = CacheScanner.Scan(roots, ct);

        var repo = Assert.Single(result.Repos);
        Assert.Empty(result.Warnings);
        Assert.Equal((StandardFixtures.TransformersRepo, RepoType.Model, CacheSource.HfCache), (repo.Repo, repo.Type, repo.Source));
        Assert.Equal(CacheDownloadStatus.Unknown, repo.DownloadStatus);
        var repoDir = Path.Combine(hubDir, "models--" + StandardFixtures.TransformersRepo.Replace("/", "--", StringComparison.Ordinal));
        Assert.Equal(await File.ReadAllTextAsync(Path.Combine(repoDir, "refs", "main"), ct), repo.Commit);
        Assert.Equal("main", repo.Branch);
        Assert.Contains(repo.Files, f => f.Path == "config.json");
        // LFS files are named by their sha256 in blobs/, git files by their sha1, as both clients agree.
        var shard = Assert.Single(repo.Files, f => f.Path == "model-00001-of-00002.safetensors");
        Assert.Equal((300 * 1024, 64), (shard.Size, shard.Blob!.Length));
        Assert.Equal(40, repo.Files.Single(f => f.Path == "config.json").Blob!.Length);

        // Every file resolves to bytes of the listed size, and the total counts each blob once.
        var snapshot = Path.Combine(repoDir, "snapshots", repo.Commit!);
        foreach (var file in repo.Files)
        {
            var onDisk = new FileInfo(Path.Combine(snapshot, file.Path));
            var real = onDisk.ResolveLinkTarget(returnFinalTarget: true) as FileInfo ?? onDisk;
            Assert.Equal(real.Length, file.Size);
        }

        Assert.Equal(repo.Files.DistinctBy(f => f.Blob ?? f.Path).Sum(f => f.Size), repo.Size);
    }
}
