using HFDesk.Core.Cache;
using HFDesk.Core.Hub;
using HFDesk.Core.Settings;
using HFDesk.Core.Storage;
using HFDesk.Core.Tests.Settings;

namespace HFDesk.Core.Tests.Cache;

public sealed class CacheScannerTests : IDisposable
{
    private static readonly (string, string)[] TinyFiles =
    [
        ("config.json", "{\"model_type\":\"llama\"}"),
        ("model.safetensors", new string('w', 300)),
        ("tokenizer/tokenizer.json", "{\"vocab\":{}}"),
    ];

    private readonly TempDirectory _temp = new();
    private readonly HubCacheWriter _cache;

    public CacheScannerTests()
    {
        _cache = new HubCacheWriter(_temp.Combine("cache"));
        Directory.CreateDirectory(_cache.HubDir);
    }

    public void Dispose() => _temp.Dispose();

    private StorageRoots Roots(string? localDir = null, params string[] scanDirs) => StorageRoots.Resolve(
        HfDeskSettings.Defaults with { CacheDir = _cache.CacheRoot, LocalDir = localDir ?? "", LocalScanDirs = scanDirs },
        SettingsOverrides.None,
        HfEnvironment.Empty(_temp.Combine("home")));

    private CacheScanResult Scan(StorageRoots? roots = null) => CacheScanner.Scan(roots ?? Roots(), TestContext.Current.CancellationToken);

    [Fact]
    public void Scan_HfDeskStyleRepoWithCompleteManifest_ReportsCompleteWithFriendlyPath()
    {
        var commit = HubCacheWriter.CommitOf("tiny");
        _cache.AddSnapshot(RepoType.Model, "acme/tiny", commit, TinyFiles, refs: ["main"]);
        var friendly = _cache.AddFriendlyView(RepoType.Model, "acme/tiny", commit, complete: true, TinyFiles.Select(f => f.Item1));

        var repo = Assert.Single(Scan().Repos);

        Assert.Equal("acme/tiny", repo.Repo);
        Assert.Equal(("acme", "tiny"), (repo.Owner, repo.Name));
        Assert.Equal(CacheSource.HfCache, repo.Source);
        Assert.Equal(_cache.RepoDir(RepoType.Model, "acme/tiny"), repo.Path);
        Assert.Equal(friendly, repo.FriendlyPath);
        Assert.Equal(CacheDownloadStatus.Complete, repo.DownloadStatus);
        Assert.NotNull(repo.Manifest);
        Assert.Equal(("main", commit), (repo.Branch, repo.Commit));
        Assert.Equal(3, repo.FileCount);
        Assert.Equal(TinyFiles.Sum(f => (long)f.Item2.Length), repo.Size);
        Assert.Equal(["config.json", "model.safetensors", "tokenizer/tokenizer.json"], repo.Files.Select(f => f.Path).Order(StringComparer.Ordinal));
        Assert.Equal(new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero), repo.Downloaded);
        Assert.Empty(repo.Warnings);
    }

    [Fact]
    public void Scan_RemnantsOfFailedDownloads_AreNotListed()
    {
        // An empty blobs/ and no snapshot, as a download that failed before its first file leaves.
        Directory.CreateDirectory(Path.Combine(_cache.RepoDir(RepoType.Model, "acme/never-started"), "blobs"));
        // A snapshot holding only .gitattributes, in the hub cache and as a flat folder.
        _cache.AddSnapshot(RepoType.Model, "acme/only-attributes", HubCacheWriter.CommitOf("attrs"), [(".gitattributes", "*.gguf filter=lfs")], refs: ["main"]);
        var localDir = Directory.CreateDirectory(_temp.Combine("local", "acme", "flat-attributes")).FullName;
        File.WriteAllText(Path.Combine(localDir, ".gitattributes"), "*.gguf filter=lfs");
        _cache.AddSnapshot(RepoType.Model, "acme/real", HubCacheWriter.CommitOf("real"), TinyFiles, refs: ["main"]);

        var repos = Scan(Roots(_temp.Combine("local"))).Repos;

        Assert.Equal(["acme/real"], repos.Select(r => r.Repo));
    }

    [Fact]
    public void Scan_FilteredManifest_ReportsFiltered()
    {
        var commit = HubCacheWriter.CommitOf("gguf");
        _cache.AddSnapshot(RepoType.Model, "acme/tiny-GGUF", commit, [("tiny-Q4_K_M.gguf", "q4")], refs: ["main"]);
        _cache.AddFriendlyView(RepoType.Model, "acme/tiny-GGUF", commit, complete: false, ["tiny-Q4_K_M.gguf"], filters: ["q4_k_m"]);

        var repo = Assert.Single(Scan().Repos);

        Assert.Equal(CacheDownloadStatus.Filtered, repo.DownloadStatus);
        Assert.Equal(["q4_k_m"], repo.Manifest!.Filters);
        Assert.Equal(["Q4_K_M"], repo.Quantizations);
    }

    [Fact]
    public void Scan_PythonWrittenCache_CountsSharedBlobsOnceAndIgnoresBookkeeping()
    {
        var old = HubCacheWriter.CommitOf("old");
        var head = HubCacheWriter.CommitOf("head");
        var pr = HubCacheWriter.CommitOf("pr");
        _cache.AddSnapshot(RepoType.Model, "org/py-model", old, [("config.json", "v1"), ("model.safetensors", "same weights")]);
        _cache.AddSnapshot(RepoType.Model, "org/py-model", head, [("config.json", "v2"), ("model.safetensors", "same weights")], refs: ["main"]);
        _cache.AddSnapshot(RepoType.Model, "org/py-model", pr, [("config.json", "v3")], refs: ["refs/pr/1"]);
        var repoDir = _cache.RepoDir(RepoType.Model, "org/py-model");
        File.WriteAllText(Path.Combine(_cache.HubDir, "CACHEDIR.TAG"), "Signature: 8a477f597d28d172789f06886806bc55\n");
        Directory.CreateDirectory(Path.Combine(_cache.HubDir, ".locks", "models--org--py-model"));
        File.WriteAllText(Path.Combine(_cache.HubDir, ".locks", "models--org--py-model", "abc.lock"), "");
        Directory.CreateDirectory(Path.Combine(repoDir, ".no_exist", head));
        File.WriteAllText(Path.Combine(repoDir, ".no_exist", head, "generation_config.json"), "");
        File.WriteAllText(Path.Combine(repoDir, "blobs", "0123abcd.a1b2c3d4.incomplete"), "partial");
        Directory.CreateDirectory(Path.Combine(repoDir, "trees"));
        File.WriteAllText(Path.Combine(repoDir, "trees", head + ".json"), "{}");

        var result = Scan();
        var repo = Assert.Single(result.Repos);

        Assert.Empty(result.Warnings);
        Assert.Equal(CacheDownloadStatus.Unknown, repo.DownloadStatus);
        Assert.Null(repo.FriendlyPath);
        Assert.Equal(("main", head), (repo.Branch, repo.Commit));
        Assert.Equal(3, repo.Snapshots.Count);
        Assert.Equal(["refs/pr/1"], repo.Snapshots.Single(s => s.Commit == pr).Refs);
        // v1, v2, v3 and one shared weights blob.
        Assert.Equal(4, repo.FileCount);
        Assert.Equal("v1v2v3same weights".Length, repo.Size);
        Assert.Equal(1, repo.IncompleteFiles);
    }

    [Fact]
    public void Scan_JsWrittenCacheWithoutRefsAndWithCopies_IsListedWithItsCommit()
    {
        var commit = HubCacheWriter.CommitOf("js");
        _cache.AddSnapshot(RepoType.Dataset, "someone/js-data", commit, [("data/train.parquet", "rows"), ("README.md", "# hi")], copies: true);

        var repo = Assert.Single(Scan().Repos);

        Assert.Equal(RepoType.Dataset, repo.Type);
        Assert.Null(repo.Branch);
        Assert.Equal(commit, repo.Commit);
        Assert.Equal(2, repo.FileCount);
        Assert.Equal(8, repo.Size);
        Assert.All(repo.Files, f => Assert.Null(f.Blob));
        Assert.Equal(CacheDownloadStatus.Unknown, repo.DownloadStatus);
    }

    [Fact]
    public void Scan_BrokenLinkAndNewlineRef_AreWarnedButRepoStillListed()
    {
        var commit = HubCacheWriter.CommitOf("broken");
        var snapshot = _cache.AddSnapshot(RepoType.Model, "acme/broken", commit, [("config.json", "{}")]);
        var repoDir = _cache.RepoDir(RepoType.Model, "acme/broken");
        File.CreateSymbolicLink(Path.Combine(snapshot, "weights.bin"), Path.Combine("..", "..", "blobs", new string('f', 64)));
        Directory.CreateDirectory(Path.Combine(repoDir, "refs"));
        File.WriteAllText(Path.Combine(repoDir, "refs", "main"), commit + "\n");

        var result = Scan();
        var repo = Assert.Single(result.Repos);

        Assert.Equal(1, repo.FileCount);
        Assert.Equal(("main", commit), (repo.Branch, repo.Commit));
        Assert.Contains(repo.Warnings, w => w.Contains("blob missing", StringComparison.Ordinal));
        Assert.Contains(repo.Warnings, w => w.Contains("40 lowercase hex", StringComparison.Ordinal));
        Assert.Equal(repo.Warnings.Count, result.Warnings.Count);
    }

    [Fact]
    public void Scan_SnapshotDirectoryLinkOutOfCache_IsNotWalked()
    {
        var outside = _temp.Combine("outside");
        Directory.CreateDirectory(outside);
        File.WriteAllText(Path.Combine(outside, "secret.txt"), "not part of any repo");
        var commit = HubCacheWriter.CommitOf("escape");
        var snapshot = _cache.AddSnapshot(RepoType.Model, "acme/escape", commit, [("config.json", "{}")], refs: ["main"]);
        Directory.CreateSymbolicLink(Path.Combine(snapshot, "evil"), outside);

        var repo = Assert.Single(Scan().Repos);

        Assert.Equal(["config.json"], repo.Files.Select(f => f.Path));
    }

    [Fact]
    public void Scan_LocalRootsAndOrphanFriendlyView_AreListedWithTheirSources()
    {
        var scan = _temp.Combine("lmstudio");
        Directory.CreateDirectory(Path.Combine(scan, "lmstudio-community", "Qwen3-8B-GGUF"));
        File.WriteAllText(Path.Combine(scan, "lmstudio-community", "Qwen3-8B-GGUF", "Qwen3-8B-Q4_K_M.gguf"), "1234");
        File.WriteAllText(Path.Combine(scan, "lmstudio-community", "Qwen3-8B-GGUF", "Qwen3-8B-Q8_0.gguf"), "12345678");
        File.WriteAllText(Path.Combine(scan, "lmstudio-community", "Qwen3-8B-GGUF", "mmproj-Qwen3-8B-F16.gguf"), "12");
        Directory.CreateDirectory(Path.Combine(scan, "lmstudio-community", "empty-folder"));
        Directory.CreateDirectory(Path.Combine(scan, ".hidden", "thing"));
        File.WriteAllText(Path.Combine(scan, ".hidden", "thing", "x.gguf"), "x");

        var local = _temp.Combine("local");
        var localRepo = Path.Combine(local, "acme", "flat");
        Directory.CreateDirectory(Path.Combine(localRepo, ".cache", "huggingface", "download"));
        File.WriteAllText(Path.Combine(localRepo, "model.gguf"), "abc");
        File.WriteAllText(Path.Combine(localRepo, ".cache", "huggingface", "download", "model.gguf.metadata"), "meta");
        HubCacheWriter.WriteManifest(localRepo, new DownloadManifest
        {
            Repo = "acme/flat",
            Type = RepoType.Dataset,
            Revision = "main",
            Commit = HubCacheWriter.CommitOf("flat"),
            Complete = true,
        });

        var orphan = Path.Combine(_cache.CacheRoot, "models", "gone", "repo");
        Directory.CreateDirectory(orphan);
        File.WriteAllText(Path.Combine(orphan, "weights.safetensors"), "12345");

        var result = Scan(Roots(local, scan));

        Assert.Equal(
            [("acme/flat", CacheSource.Local, RepoType.Dataset), ("gone/repo", CacheSource.FriendlyView, RepoType.Model), ("lmstudio-community/Qwen3-8B-GGUF", CacheSource.Local, RepoType.Model)],
            result.Repos.Select(r => (r.Repo, r.Source, r.Type)));
        var lm = result.Repos[2];
        Assert.Equal(["Q4_K_M", "Q8_0"], lm.Quantizations);
        Assert.Equal(3, lm.FileCount);
        Assert.Equal(14, lm.Size);
        Assert.Equal(CacheDownloadStatus.Unknown, lm.DownloadStatus);
        var flat = result.Repos[0];
        Assert.Equal(CacheDownloadStatus.Complete, flat.DownloadStatus);
        Assert.Equal(["model.gguf"], flat.Files.Select(f => f.Path));
        Assert.Equal(new CacheStats(2, 1, 3 + 5 + 14, 5), result.Stats);
    }

    [Fact]
    public void Scan_LocalFolderOfARepoWithoutOwner_FoundByItsManifestAndNeverGuessedFromStrayFiles()
    {
        var local = _temp.Combine("local");
        var gpt2 = Path.Combine(local, "gpt2");
        Directory.CreateDirectory(Path.Combine(gpt2, "onnx"));
        File.WriteAllText(Path.Combine(gpt2, "config.json"), "{}");
        File.WriteAllText(Path.Combine(gpt2, "onnx", "model.onnx"), "onnx!");
        HubCacheWriter.WriteManifest(gpt2, new DownloadManifest { Repo = "gpt2", Revision = "main", Commit = HubCacheWriter.CommitOf("gpt2"), Complete = true });

        // An owner folder with a stray file is still an owner folder: no manifest names it a repo.
        Directory.CreateDirectory(Path.Combine(local, "acme", "tiny"));
        File.WriteAllText(Path.Combine(local, "acme", "notes.txt"), "mine");
        File.WriteAllText(Path.Combine(local, "acme", "tiny", "model.gguf"), "gguf");

        var result = Scan(Roots(local));

        Assert.Equal(["acme/tiny", "gpt2"], result.Repos.Select(r => r.Repo));
        var repo = result.Repos[1];
        Assert.Equal(("", "gpt2", gpt2), (repo.Owner, repo.Name, repo.Path));
        Assert.Equal(CacheDownloadStatus.Complete, repo.DownloadStatus);
        Assert.Equal(["config.json", "onnx/model.onnx"], repo.Files.Select(f => f.Path).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Filter_TypeAndSearch_NarrowTheList()
    {
        _cache.AddSnapshot(RepoType.Model, "acme/alpha", HubCacheWriter.CommitOf("a"), [("a.txt", "a")], refs: ["main"]);
        _cache.AddSnapshot(RepoType.Model, "acme/beta", HubCacheWriter.CommitOf("b"), [("b.txt", "b")], refs: ["main"]);
        _cache.AddSnapshot(RepoType.Dataset, "acme/alpha-data", HubCacheWriter.CommitOf("c"), [("c.txt", "c")], refs: ["main"]);

        var result = Scan();

        Assert.Equal(["acme/alpha", "acme/alpha-data"], result.Filter(null, "ALPHA").Select(r => r.Repo));
        Assert.Equal(["acme/alpha-data"], result.Filter(RepoType.Dataset, null).Select(r => r.Repo));
        Assert.Single(result.Find(RepoType.Model, "ACME/beta"));
    }

    [Theory]
    [InlineData("models--gpt2", true, "", "gpt2")]
    [InlineData("models--acme--tiny", true, "acme", "tiny")]
    [InlineData("datasets--a--b", true, "a", "b")]
    [InlineData("spaces--a--b", false, "", "")]
    [InlineData("kernels--a--b", false, "", "")]
    [InlineData("nodashes", false, "", "")]
    [InlineData("models--a--b--c", false, "", "")]
    public void TryParseRepoFolderName_FollowsHuggingFaceNaming(string folder, bool ok, string owner, string name)
    {
        Assert.Equal(ok, CacheScanner.TryParseRepoFolderName(folder, out _, out var o, out var n));
        if (ok)
        {
            Assert.Equal((owner, name), (o, n));
        }
    }

    [Theory]
    [InlineData("Qwen3-8B-Q4_K_M.gguf", "Q4_K_M")]
    [InlineData("model-UD-Q2_K_XL-00001-of-00003.gguf", "UD-Q2_K_XL")]
    [InlineData("IQ2_XXS/model-00001-of-00002.gguf", "IQ2_XXS")]
    [InlineData("gpt-oss-20b-mxfp4.gguf", "MXFP4")]
    [InlineData("model.bf16.gguf", "BF16")]
    [InlineData("mmproj-model-f16.gguf", null)]
    [InlineData("imatrix.gguf", null)]
    [InlineData("Q4_K_M.safetensors", null)]
    public void GgufQuantizationNames_Find_ReadsNameOrFolder(string path, string? expected)
    {
        Assert.Equal(expected, GgufQuantizationNames.Find(path));
    }
}
