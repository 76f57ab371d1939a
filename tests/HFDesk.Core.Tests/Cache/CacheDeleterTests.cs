using System.Text.Json;
using HFDesk.Core.Cache;
using HFDesk.Core.Hub;
using HFDesk.Core.Settings;
using HFDesk.Core.Storage;
using HFDesk.Core.Tests.Settings;

namespace HFDesk.Core.Tests.Cache;

public sealed class CacheDeleterTests : IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly HubCacheWriter _cache;
    private readonly string _outside;

    public CacheDeleterTests()
    {
        _cache = new HubCacheWriter(_temp.Combine("cache"));
        _outside = _temp.Combine("outside");
        Directory.CreateDirectory(_outside);
        File.WriteAllText(Path.Combine(_outside, "precious.txt"), "must survive");
    }

    public void Dispose() => _temp.Dispose();

    private StorageRoots Roots(string? localDir = null) => StorageRoots.Resolve(
        HfDeskSettings.Defaults with { CacheDir = _cache.CacheRoot, LocalDir = localDir ?? "" },
        SettingsOverrides.None,
        HfEnvironment.Empty(_temp.Combine("home")));

    private static CacheDeleteResult Delete(
        StorageRoots roots, string owner, string name, IRepoActivity? activity = null, RepoType type = RepoType.Model, CacheCopy? copy = null) =>
        new CacheDeleter(activity ?? NoRepoActivity.Instance).Delete(roots, type, owner, name, copy ?? CacheCopy.HfCache, TestContext.Current.CancellationToken);

    private static readonly CacheCopy LocalCopy = new(CacheSource.Local);

    private string AddTiny(string repo = "acme/tiny")
    {
        var commit = HubCacheWriter.CommitOf(repo);
        _cache.AddSnapshot(RepoType.Model, repo, commit, [("config.json", "{}"), ("sub/model.safetensors", "weights")], refs: ["main"]);
        _cache.AddFriendlyView(RepoType.Model, repo, commit, complete: true, ["config.json", "sub/model.safetensors"]);
        return commit;
    }

    [Fact]
    public void Delete_Repo_RemovesHubEntryLocksAndFriendlyViewOnly()
    {
        AddTiny();
        AddTiny("acme/other");
        var locks = Directory.CreateDirectory(Path.Combine(_cache.HubDir, ".locks", "models--acme--tiny")).FullName;
        var manifestBytes = new FileInfo(Path.Combine(_cache.CacheRoot, "models", "acme", "tiny", DownloadManifest.FileName)).Length;

        var result = Delete(Roots(), "acme", "tiny");

        Assert.Equal(CacheDeleteOutcome.Deleted, result.Outcome);
        Assert.False(Directory.Exists(_cache.RepoDir(RepoType.Model, "acme/tiny")));
        Assert.False(Directory.Exists(locks));
        Assert.False(Directory.Exists(Path.Combine(_cache.CacheRoot, "models", "acme", "tiny")));
        Assert.True(Directory.Exists(_cache.RepoDir(RepoType.Model, "acme/other")));
        Assert.True(Directory.Exists(Path.Combine(_cache.CacheRoot, "models", "acme", "other")));
        Assert.Equal(3, result.DeletedPaths.Count);
        // Blobs, refs/main (40 bytes) and the manifest are real files; snapshot and friendly-view links free nothing.
        Assert.Equal("{}weights".Length + 40 + manifestBytes, result.FreedBytes);
        Assert.Empty(CacheScanner.Scan(Roots(), TestContext.Current.CancellationToken).Find(RepoType.Model, "acme/tiny"));
    }

    [Theory]
    [InlineData("..", "outside")]
    [InlineData("acme", "..")]
    [InlineData("..%2F..", "x")]
    [InlineData("a/../..", "outside")]
    [InlineData("acme", "tiny/../../../outside")]
    public void Delete_TraversalInRepoId_IsRefusedAndDeletesNothing(string owner, string name)
    {
        AddTiny();

        var result = Delete(Roots(), owner, name);

        Assert.Equal(CacheDeleteOutcome.Invalid, result.Outcome);
        Assert.True(File.Exists(Path.Combine(_outside, "precious.txt")));
        Assert.True(Directory.Exists(_cache.RepoDir(RepoType.Model, "acme/tiny")));
    }

    [Fact]
    public void Delete_SymlinksPointingOutside_RemovesLinksNotTargets()
    {
        var commit = AddTiny();
        var snapshot = Path.Combine(_cache.RepoDir(RepoType.Model, "acme/tiny"), "snapshots", commit);
        File.CreateSymbolicLink(Path.Combine(snapshot, "file-link"), Path.Combine(_outside, "precious.txt"));
        Directory.CreateSymbolicLink(Path.Combine(snapshot, "dir-link"), _outside);
        Directory.CreateSymbolicLink(Path.Combine(_cache.CacheRoot, "models", "acme", "tiny", "dir-link"), _outside);

        var result = Delete(Roots(), "acme", "tiny");

        Assert.Equal(CacheDeleteOutcome.Deleted, result.Outcome);
        Assert.Equal("must survive", File.ReadAllText(Path.Combine(_outside, "precious.txt")));
        Assert.False(Directory.Exists(_cache.RepoDir(RepoType.Model, "acme/tiny")));
    }

    [Fact]
    public void Delete_RepoFolderIsLinkToOutside_RemovesOnlyTheLink()
    {
        Directory.CreateDirectory(_cache.HubDir);
        Directory.CreateSymbolicLink(_cache.RepoDir(RepoType.Model, "acme/linked"), _outside);

        var result = Delete(Roots(), "acme", "linked");

        Assert.Equal(CacheDeleteOutcome.Deleted, result.Outcome);
        Assert.False(Directory.Exists(_cache.RepoDir(RepoType.Model, "acme/linked")));
        Assert.True(File.Exists(Path.Combine(_outside, "precious.txt")));
    }

    [Fact]
    public void Delete_OwnerFolderIsLinkToOutside_IsSkipped()
    {
        Directory.CreateDirectory(Path.Combine(_outside, "victim"));
        File.WriteAllText(Path.Combine(_outside, "victim", "data.txt"), "keep");
        Directory.CreateDirectory(Path.Combine(_cache.CacheRoot, "models"));
        Directory.CreateSymbolicLink(Path.Combine(_cache.CacheRoot, "models", "evil"), _outside);

        var result = Delete(Roots(), "evil", "victim");

        Assert.Equal(CacheDeleteOutcome.NotFound, result.Outcome);
        Assert.Single(result.Warnings);
        Assert.True(File.Exists(Path.Combine(_outside, "victim", "data.txt")));
    }

    [Fact]
    public void Delete_ActiveRepo_IsRefusedAndKeepsFiles()
    {
        AddTiny();

        var result = Delete(Roots(), "acme", "tiny", new FixedActivity(RepoType.Model, "acme/tiny"));

        Assert.Equal(CacheDeleteOutcome.Active, result.Outcome);
        Assert.True(Directory.Exists(_cache.RepoDir(RepoType.Model, "acme/tiny")));
    }

    // Regression (issue 12 item 1): deleting the HF-cache card removed the localDir copy as well.
    [Fact]
    public void Delete_WithoutSource_RemovesHfCacheCopyOnlyAndKeepsLocalCopy()
    {
        AddTiny();
        var local = _temp.Combine("local");
        WriteLocalCopy(local, "acme", "tiny", withManifest: true);

        var result = Delete(Roots(local), "acme", "tiny");

        Assert.Equal(CacheDeleteOutcome.Deleted, result.Outcome);
        Assert.False(Directory.Exists(_cache.RepoDir(RepoType.Model, "acme/tiny")));
        Assert.True(File.Exists(Path.Combine(local, "acme", "tiny", "model.gguf")));
    }

    [Fact]
    public void Delete_LocalCopyHfDeskWrote_RemovesItAndKeepsHfCacheCopy()
    {
        AddTiny();
        var local = _temp.Combine("local");
        WriteLocalCopy(local, "acme", "tiny", withManifest: true);

        var asDataset = Delete(Roots(local), "acme", "tiny", type: RepoType.Dataset, copy: LocalCopy);
        var result = Delete(Roots(local), "acme", "tiny", copy: new CacheCopy(CacheSource.Local, Path.Combine(local, "acme", "tiny")));

        Assert.Equal(CacheDeleteOutcome.NotFound, asDataset.Outcome);
        Assert.Equal(CacheDeleteOutcome.Deleted, result.Outcome);
        Assert.False(Directory.Exists(Path.Combine(local, "acme")));
        Assert.True(Directory.Exists(_cache.RepoDir(RepoType.Model, "acme/tiny")));
    }

    // Regression (issue 12 item 1): with localDir set to a system folder, DELETE removed <localDir>/etc/ssh.
    [Fact]
    public void Delete_LocalFolderWithoutManifest_IsRefusedWithItsPathAndKept()
    {
        var fakeRoot = _temp.Combine("fake-root");
        WriteLocalCopy(fakeRoot, "etc", "ssh", withManifest: false);

        var result = Delete(Roots(fakeRoot), "etc", "ssh", copy: LocalCopy);

        Assert.Equal(CacheDeleteOutcome.NotOurs, result.Outcome);
        Assert.Contains(Path.Combine(fakeRoot, "etc", "ssh"), result.Message, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(fakeRoot, "etc", "ssh", "model.gguf")));
    }

    [Fact]
    public void Delete_CopyInScanRoot_IsReadOnlyAndKept()
    {
        WriteLocalCopy(_outside, "acme", "flat", withManifest: true);
        var roots = Roots(_temp.Combine("local")) with { LocalScanDirs = [_outside] };

        var named = Delete(roots, "acme", "flat", copy: new CacheCopy(CacheSource.Local, Path.Combine(_outside, "acme", "flat")));
        var withoutLocalDir = Delete(Roots() with { LocalScanDirs = [_outside] }, "acme", "flat", copy: LocalCopy);

        Assert.Equal(CacheDeleteOutcome.ReadOnly, named.Outcome);
        Assert.Equal(CacheDeleteOutcome.ReadOnly, withoutLocalDir.Outcome);
        Assert.True(File.Exists(Path.Combine(_outside, "acme", "flat", "model.gguf")));
    }

    [Theory]
    [InlineData("relative/acme/tiny")]
    [InlineData("/somewhere/else/acme/tiny")]
    public void Delete_LocalPathNotTheCopy_IsInvalidAndDeletesNothing(string path)
    {
        var local = _temp.Combine("local");
        WriteLocalCopy(local, "acme", "tiny", withManifest: true);

        var result = Delete(Roots(local), "acme", "tiny", copy: new CacheCopy(CacheSource.Local, path));

        Assert.Equal(CacheDeleteOutcome.Invalid, result.Outcome);
        Assert.True(File.Exists(Path.Combine(local, "acme", "tiny", "model.gguf")));
    }

    [Fact]
    public void Delete_FriendlyViewSource_RemovesOnlyTheFriendlyView()
    {
        AddTiny();

        var result = Delete(Roots(), "acme", "tiny", copy: new CacheCopy(CacheSource.FriendlyView));

        Assert.Equal(CacheDeleteOutcome.Deleted, result.Outcome);
        Assert.False(Directory.Exists(Path.Combine(_cache.CacheRoot, "models", "acme", "tiny")));
        Assert.True(Directory.Exists(_cache.RepoDir(RepoType.Model, "acme/tiny")));
    }

    private static void WriteLocalCopy(string root, string owner, string name, bool withManifest)
    {
        var folder = Directory.CreateDirectory(Path.Combine(root, owner, name)).FullName;
        File.WriteAllText(Path.Combine(folder, "model.gguf"), "gguf");
        if (withManifest)
        {
            var manifest = new DownloadManifest { Repo = $"{owner}/{name}", Type = RepoType.Model, Revision = "main", Commit = new string('a', 40) };
            File.WriteAllText(Path.Combine(folder, DownloadManifest.FileName), JsonSerializer.Serialize(manifest, ManifestJsonContext.Default.DownloadManifest));
        }
    }

    private sealed class FixedActivity(RepoType type, string repo) : IRepoActivity
    {
        public bool IsActive(RepoType t, RepoId r) => t == type && r.ToString() == repo;
    }
}
