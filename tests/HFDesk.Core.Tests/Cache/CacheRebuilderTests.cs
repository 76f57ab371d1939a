using HFDesk.Core.Cache;
using HFDesk.Core.Hub;
using HFDesk.Core.Settings;
using HFDesk.Core.Storage;
using HFDesk.Core.Tests.Settings;

namespace HFDesk.Core.Tests.Cache;

public sealed class CacheRebuilderTests : IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly HubCacheWriter _cache;

    public CacheRebuilderTests() => _cache = new HubCacheWriter(_temp.Combine("cache"));

    public void Dispose() => _temp.Dispose();

    private StorageRoots Roots() => StorageRoots.Resolve(
        HfDeskSettings.Defaults with { CacheDir = _cache.CacheRoot },
        SettingsOverrides.None,
        HfEnvironment.Empty(_temp.Combine("home")));

    private Task<CacheRebuildResult> RebuildAsync(bool clean) =>
        new CacheRebuilder(NoRepoActivity.Instance).RebuildAsync(Roots(), clean, TestContext.Current.CancellationToken);

    [Fact]
    public async Task Rebuild_DeletedFriendlyView_IsRecreatedFromHubCache()
    {
        var commit = HubCacheWriter.CommitOf("py");
        _cache.AddSnapshot(RepoType.Model, "org/py-model", commit, [("config.json", "{\"a\":1}"), ("sub/w.safetensors", "weights")], refs: ["main"]);

        var result = await RebuildAsync(clean: false);

        var friendly = Path.Combine(_cache.CacheRoot, "models", "org", "py-model");
        Assert.Equal((1, 2), (result.Repos, result.FilesLinked));
        Assert.Equal("{\"a\":1}", await File.ReadAllTextAsync(Path.Combine(friendly, "config.json"), TestContext.Current.CancellationToken));
        Assert.Equal("weights", await File.ReadAllTextAsync(Path.Combine(friendly, "sub", "w.safetensors"), TestContext.Current.CancellationToken));
        var repo = Assert.Single(CacheScanner.Scan(Roots(), TestContext.Current.CancellationToken).Repos);
        Assert.Equal(friendly, repo.FriendlyPath);
        Assert.Equal(CacheDownloadStatus.Unknown, repo.DownloadStatus);
    }

    [Fact]
    public async Task Rebuild_ExistingManifest_IsKept()
    {
        var commit = HubCacheWriter.CommitOf("tiny");
        _cache.AddSnapshot(RepoType.Model, "acme/tiny", commit, [("a.gguf", "q"), ("README.md", "r")], refs: ["main"]);
        _cache.AddFriendlyView(RepoType.Model, "acme/tiny", commit, complete: false, ["a.gguf"], filters: ["q4"]);

        await RebuildAsync(clean: true);

        var repo = Assert.Single(CacheScanner.Scan(Roots(), TestContext.Current.CancellationToken).Repos);
        Assert.Equal(CacheDownloadStatus.Filtered, repo.DownloadStatus);
        Assert.True(File.Exists(Path.Combine(_cache.CacheRoot, "models", "acme", "tiny", "README.md")));
    }

    [Fact]
    public async Task Rebuild_Clean_RemovesOrphansAndDanglingLinksOnly()
    {
        var commit = HubCacheWriter.CommitOf("live");
        _cache.AddSnapshot(RepoType.Model, "acme/live", commit, [("config.json", "{}")], refs: ["main"]);
        var live = _cache.AddFriendlyView(RepoType.Model, "acme/live", commit, complete: true, ["config.json"]);
        File.CreateSymbolicLink(Path.Combine(live, "old.bin"), Path.Combine("..", "..", "..", "hub", "gone"));
        var orphan = Path.Combine(_cache.CacheRoot, "models", "gone", "repo");
        Directory.CreateDirectory(orphan);
        await File.WriteAllTextAsync(Path.Combine(orphan, "w.bin"), "stale", TestContext.Current.CancellationToken);
        var outside = _temp.Combine("outside");
        Directory.CreateDirectory(outside);
        File.CreateSymbolicLink(Path.Combine(outside, "dangling-but-not-ours"), Path.Combine(outside, "nothing"));
        Directory.CreateSymbolicLink(Path.Combine(live, "escape"), outside);

        var kept = await RebuildAsync(clean: false);
        Assert.True(Directory.Exists(orphan));
        Assert.Empty(kept.Removed);

        var result = await RebuildAsync(clean: true);

        Assert.False(Directory.Exists(orphan), string.Join("; ", result.Warnings) + " removed: " + string.Join("; ", result.Removed));
        Assert.False(File.Exists(Path.Combine(live, "old.bin")) || new FileInfo(Path.Combine(live, "old.bin")).LinkTarget is not null);
        Assert.True(File.Exists(Path.Combine(live, "config.json")));
        Assert.NotNull(new FileInfo(Path.Combine(outside, "dangling-but-not-ours")).LinkTarget);
        Assert.Equal(2, result.Removed.Count);
    }
}
