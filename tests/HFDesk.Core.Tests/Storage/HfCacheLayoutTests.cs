using System.Text;
using HFDesk.Core.Hub;
using HFDesk.Core.Jobs.Execution;
using HFDesk.Core.Storage;

namespace HFDesk.Core.Tests.Storage;

public sealed class HfCacheLayoutTests
{
    private const string Commit = "0123456789abcdef0123456789abcdef01234567";
    private static readonly RepoId Repo = RepoId.Parse("acme/tiny");

    [Fact]
    public async Task Commit_NestedFiles_RelativeSymlinksWithOneDotDotPerDepth()
    {
        using var dir = new TempDirectory();
        var layout = new HfCacheLayout(dir.Sub("hub"), RepoType.Model, Repo, Commit);
        var top = StoredFile.Git("config.json", "{\"a\":1}");
        var nested = StoredFile.Lfs("sub/dir/x.bin", 4096);

        await DownloadAsync(layout, top);
        await DownloadAsync(layout, nested);

        var repoDir = dir.Sub("hub", "models--acme--tiny");
        var sep = Path.DirectorySeparatorChar;
        Assert.Equal($"..{sep}..{sep}blobs{sep}{top.File.Oid}", new FileInfo(Path.Combine(repoDir, "snapshots", Commit, "config.json")).LinkTarget);
        Assert.Equal(
            $"..{sep}..{sep}..{sep}..{sep}blobs{sep}{nested.File.LfsSha256}",
            new FileInfo(Path.Combine(repoDir, "snapshots", Commit, "sub", "dir", "x.bin")).LinkTarget);
        Assert.Equal(top.Content, await File.ReadAllBytesAsync(Path.Combine(repoDir, "snapshots", Commit, "config.json"), TestContext.Current.CancellationToken));
        Assert.Equal(nested.Content, await File.ReadAllBytesAsync(Path.Combine(repoDir, "blobs", nested.File.LfsSha256!), TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Finish_BranchRevision_RefIsFortyHexWithoutNewline()
    {
        using var dir = new TempDirectory();
        var layout = new HfCacheLayout(dir.Sub("hub"), RepoType.Model, Repo, Commit);
        var file = StoredFile.Git("README.md", "hello");
        await DownloadAsync(layout, file);

        await layout.FinishAsync(Completion("main", file), TestContext.Current.CancellationToken);

        var bytes = await File.ReadAllBytesAsync(dir.Sub("hub", "models--acme--tiny", "refs", "main"), TestContext.Current.CancellationToken);
        Assert.Equal(Encoding.ASCII.GetBytes(Commit), bytes);
        Assert.StartsWith("Signature: 8a477f597d28d172789f06886806bc55\n", await File.ReadAllTextAsync(dir.Sub("hub", "CACHEDIR.TAG"), TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Finish_PullRequestRevision_RefStoredAsNestedPath()
    {
        using var dir = new TempDirectory();
        var layout = new HfCacheLayout(dir.Sub("hub"), RepoType.Dataset, Repo, Commit);
        var file = StoredFile.Git("data.csv", "a,b\n1,2\n");
        await DownloadAsync(layout, file);

        await layout.FinishAsync(Completion("refs/pr/1", file), TestContext.Current.CancellationToken);

        var refFile = dir.Sub("hub", "datasets--acme--tiny", "refs", "refs", "pr", "1");
        Assert.Equal(Commit, await File.ReadAllTextAsync(refFile, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Finish_CommitRevision_CreatesEmptyRefsFolderAndNoStrayFiles()
    {
        using var dir = new TempDirectory();
        var layout = new HfCacheLayout(dir.Sub("hub"), RepoType.Model, Repo, Commit);
        var file = StoredFile.Lfs("model.safetensors", 10_000);
        await DownloadAsync(layout, file);

        await layout.FinishAsync(Completion(Commit, file), TestContext.Current.CancellationToken);

        Assert.True(Directory.Exists(dir.Sub("hub", "models--acme--tiny", "refs")));
        Assert.Empty(Directory.EnumerateFileSystemEntries(dir.Sub("hub", "models--acme--tiny", "refs")));
        Assert.Equal(
            ["hub/CACHEDIR.TAG", $"hub/models--acme--tiny/blobs/{file.File.LfsSha256}", $"hub/models--acme--tiny/snapshots/{Commit}/model.safetensors"],
            dir.AllEntries());
    }

    [Fact]
    public async Task Commit_CopyMode_MovesNewBlobIntoSnapshotAndCopiesDuplicates()
    {
        using var dir = new TempDirectory();
        var layout = new HfCacheLayout(dir.Sub("hub"), RepoType.Model, Repo, Commit, linkMode: LinkMode.Copy);
        var first = StoredFile.Git("LICENSE", "MIT");
        var second = StoredFile.Git("sub/LICENSE", "MIT");
        await File.WriteAllBytesAsync(Prepare(layout.PathsFor(first.File).TempPath), first.Content, TestContext.Current.CancellationToken);

        await layout.CommitAsync([first.File, second.File], TestContext.Current.CancellationToken);

        var snapshot = dir.Sub("hub", "models--acme--tiny", "snapshots", Commit);
        foreach (var path in new[] { Path.Combine(snapshot, "LICENSE"), Path.Combine(snapshot, "sub", "LICENSE") })
        {
            Assert.Null(new FileInfo(path).LinkTarget);
            Assert.Equal("MIT", await File.ReadAllTextAsync(path, TestContext.Current.CancellationToken));
        }

        // As huggingface_hub without symlinks: the blob is moved, not duplicated.
        Assert.False(File.Exists(layout.BlobPath(first.File.Oid)));
        Assert.True(layout.IsPresent(first.File));
        Assert.True(layout.IsPresent(second.File));
    }

    [Fact]
    public async Task Commit_SnapshotHoldsRealFileWithoutBlob_KeepsTheBytes()
    {
        using var dir = new TempDirectory();
        var copyWriter = new HfCacheLayout(dir.Sub("hub"), RepoType.Model, Repo, Commit, linkMode: LinkMode.Copy);
        var file = StoredFile.Lfs("model.bin", 1000);
        await DownloadAsync(copyWriter, file);
        Assert.False(File.Exists(copyWriter.BlobPath(file.File.BlobName)));

        // The same cache later opened where symlinks work: the file is present and must stay readable.
        var layout = new HfCacheLayout(dir.Sub("hub"), RepoType.Model, Repo, Commit);
        Assert.True(layout.IsPresent(file.File));
        await layout.CommitAsync([file.File], TestContext.Current.CancellationToken);

        Assert.Equal(file.Content, await File.ReadAllBytesAsync(layout.SnapshotPath("model.bin"), TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task IsPresent_BeforeAndAfterCommit_ReflectsBytesOnDisk()
    {
        using var dir = new TempDirectory();
        var layout = new HfCacheLayout(dir.Sub("hub"), RepoType.Model, Repo, Commit);
        var file = StoredFile.Lfs("m.gguf", 2048);

        Assert.False(layout.IsPresent(file.File));
        await File.WriteAllBytesAsync(Prepare(layout.PathsFor(file.File).TempPath), file.Content[..100], TestContext.Current.CancellationToken);
        Assert.False(layout.IsPresent(file.File));
        File.Delete(layout.PathsFor(file.File).TempPath);
        await DownloadAsync(layout, file);
        Assert.True(layout.IsPresent(file.File));

        // Another commit that has the same blob needs no bytes either.
        var other = new HfCacheLayout(dir.Sub("hub"), RepoType.Model, Repo, new string('f', 40));
        Assert.True(other.IsPresent(file.File));
        await other.CommitAsync([file.File], TestContext.Current.CancellationToken);
        Assert.Equal(file.Content, await File.ReadAllBytesAsync(other.SnapshotPath("m.gguf"), TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task DeletePartials_RemovesOnlyThatFilesTempAndJournal()
    {
        using var dir = new TempDirectory();
        var layout = new HfCacheLayout(dir.Sub("hub"), RepoType.Model, Repo, Commit);
        var mine = StoredFile.Lfs("a.bin", 100, seed: 1);
        var other = StoredFile.Lfs("b.bin", 100, seed: 2);
        foreach (var f in new[] { mine, other })
        {
            var paths = layout.PathsFor(f.File);
            await File.WriteAllBytesAsync(Prepare(paths.TempPath), [1, 2, 3], TestContext.Current.CancellationToken);
            await File.WriteAllTextAsync(paths.JournalPath, "{}", TestContext.Current.CancellationToken);
            await File.WriteAllTextAsync(paths.JournalPath + ".tmp", "{", TestContext.Current.CancellationToken);
        }

        RepoDownloadRunner.DeletePartials(layout, [mine.File]);

        Assert.False(File.Exists(layout.PathsFor(mine.File).TempPath));
        Assert.False(File.Exists(layout.PathsFor(mine.File).JournalPath));
        Assert.False(File.Exists(layout.PathsFor(mine.File).JournalPath + ".tmp"));
        Assert.True(File.Exists(layout.PathsFor(other.File).JournalPath + ".tmp"));
        Assert.True(File.Exists(layout.PathsFor(other.File).TempPath));
        Assert.EndsWith(".incomplete", layout.PathsFor(other.File).TempPath, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("../x")]
    [InlineData("/etc/x")]
    [InlineData("C:\\x")]
    [InlineData("a\\..\\..\\x")]
    [InlineData("a/../../x")]
    public async Task Commit_TraversalPath_ThrowsAndCreatesNothingOutsideRoot(string hostilePath)
    {
        using var dir = new TempDirectory();
        var layout = new HfCacheLayout(dir.Sub("root", "hub"), RepoType.Model, Repo, Commit);
        var file = StoredFile.Git(hostilePath, "pwned");

        Assert.Throws<UnsafePathException>(() => layout.PathsFor(file.File));
        await Assert.ThrowsAsync<UnsafePathException>(() => layout.CommitAsync([file.File], TestContext.Current.CancellationToken));
        Assert.Throws<UnsafePathException>(() => layout.IsPresent(file.File));

        Assert.All(dir.AllEntries(), e => Assert.StartsWith("root/", e, StringComparison.Ordinal));
        Assert.DoesNotContain(dir.AllEntries(), e => e.EndsWith('x'));
    }

    [Theory]
    [InlineData("../../../../evil")]
    [InlineData("ABCDEF0123456789ABCDEF0123456789ABCDEF01")]
    [InlineData("0123")]
    public void PathsFor_HostileOid_Rejected(string oid)
    {
        using var dir = new TempDirectory();
        var layout = new HfCacheLayout(dir.Sub("hub"), RepoType.Model, Repo, Commit);

        Assert.Throws<UnsafePathException>(() => layout.PathsFor(new RepoFile("ok.txt", 1, oid, null)));
    }

    [Fact]
    public async Task Finish_TraversalRevision_Rejected()
    {
        using var dir = new TempDirectory();
        var layout = new HfCacheLayout(dir.Sub("root", "hub"), RepoType.Model, Repo, Commit);

        await Assert.ThrowsAsync<UnsafePathException>(() => layout.FinishAsync(Completion("../../../evil"), TestContext.Current.CancellationToken));
        Assert.DoesNotContain(dir.AllEntries(), e => e.Contains("evil", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Finish_WithFriendlyRoot_LinksSnapshotFilesAndWritesManifest()
    {
        using var dir = new TempDirectory();
        var root = dir.Sub("cache");
        var layout = new HfCacheLayout(Path.Combine(root, "hub"), RepoType.Model, Repo, Commit, friendlyRoot: root);
        var config = StoredFile.Git("config.json", "{}");
        var weights = StoredFile.Lfs("sub/w.gguf", 5000);
        await DownloadAsync(layout, config);
        await DownloadAsync(layout, weights);
        var finished = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);

        var manifest = await layout.FinishAsync(
            new DownloadCompletion("main", ["q4"], ["fp16"], true, 5, [config.File, weights.File], finished),
            TestContext.Current.CancellationToken);

        var friendly = Path.Combine(root, "models", "acme", "tiny");
        Assert.Equal(friendly, layout.OutputDir);
        var link = new FileInfo(Path.Combine(friendly, "sub", "w.gguf"));
        Assert.Equal(Path.GetRelativePath(Path.Combine(friendly, "sub"), layout.SnapshotPath("sub/w.gguf")), link.LinkTarget);
        Assert.Equal(weights.Content, await File.ReadAllBytesAsync(link.FullName, TestContext.Current.CancellationToken));

        var read = DownloadManifestFile.TryRead(friendly);
        Assert.NotNull(read);
        Assert.Equal(manifest, read with { Files = manifest.Files, Filters = manifest.Filters, Excludes = manifest.Excludes });
        Assert.Equal("acme/tiny", read.Repo);
        Assert.Equal(Commit, read.Commit);
        Assert.False(read.Complete);
        Assert.Equal(5, read.RepoFileCount);
        Assert.Equal(["q4"], read.Filters);
        Assert.True(read.ExactMatch);
        Assert.Equal(["config.json", "sub/w.gguf"], read.Files.Select(f => f.Path));
        Assert.Equal(weights.File.LfsSha256, read.Files[1].Blob);
        Assert.Equal(finished, read.CreatedAt);
        var json = await File.ReadAllTextAsync(Path.Combine(friendly, DownloadManifest.FileName), TestContext.Current.CancellationToken);
        Assert.Contains("\"type\": \"Model\"", json, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Commit_WithFriendlyRoot_LinksTheFileBeforeTheDownloadFinishes()
    {
        using var dir = new TempDirectory();
        var root = dir.Sub("cache");
        var layout = new HfCacheLayout(Path.Combine(root, "hub"), RepoType.Model, Repo, Commit, friendlyRoot: root);
        var weights = StoredFile.Lfs("sub/w.gguf", 5000);

        await DownloadAsync(layout, weights);

        var link = new FileInfo(Path.Combine(root, "models", "acme", "tiny", "sub", "w.gguf"));
        Assert.NotNull(link.LinkTarget);
        Assert.Equal(weights.Content, await File.ReadAllBytesAsync(link.FullName, TestContext.Current.CancellationToken));
        Assert.False(File.Exists(Path.Combine(root, "models", "acme", "tiny", DownloadManifest.FileName)), "the manifest is written when the download finishes");
    }

    [Fact]
    public void PathsFor_RepoFileNamedLikeTheManifest_RejectedWhenThereIsAFriendlyView()
    {
        using var dir = new TempDirectory();
        var file = StoredFile.Git(DownloadManifest.FileName, "{}").File;

        Assert.Throws<UnsafePathException>(() => new HfCacheLayout(dir.Sub("hub"), RepoType.Model, Repo, Commit, friendlyRoot: dir.Path).IsPresent(file));
        Assert.False(new HfCacheLayout(dir.Sub("hub"), RepoType.Model, Repo, Commit).IsPresent(file));
    }

    [Fact]
    public async Task Finish_FriendlyViewWithoutSymlinks_HardLinksRealFiles()
    {
        using var dir = new TempDirectory();
        var root = dir.Sub("cache");
        var layout = new HfCacheLayout(Path.Combine(root, "hub"), RepoType.Model, Repo, Commit, root, LinkMode.Copy);
        var weights = StoredFile.Lfs("w.gguf", 3000);
        await DownloadAsync(layout, weights);

        await layout.FinishAsync(Completion("main", weights), TestContext.Current.CancellationToken);

        var friendly = new FileInfo(Path.Combine(root, "models", "acme", "tiny", "w.gguf"));
        Assert.Null(friendly.LinkTarget);
        Assert.Equal(weights.Content, await File.ReadAllBytesAsync(friendly.FullName, TestContext.Current.CancellationToken));

        // A hard link shares the bytes: a write through one name shows through the other.
        await File.WriteAllBytesAsync(layout.SnapshotPath("w.gguf"), [9, 9, 9], TestContext.Current.CancellationToken);
        Assert.Equal([9, 9, 9], await File.ReadAllBytesAsync(friendly.FullName, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Finish_SecondFilteredDownloadSameCommit_ManifestListsBoth()
    {
        using var dir = new TempDirectory();
        var root = dir.Sub("cache");
        var layout = new HfCacheLayout(Path.Combine(root, "hub"), RepoType.Model, Repo, Commit, root);
        var q4 = StoredFile.Lfs("m-Q4_K_M.gguf", 100, 1);
        var q8 = StoredFile.Lfs("m-Q8_0.gguf", 100, 2);
        await DownloadAsync(layout, q4);
        await layout.FinishAsync(new DownloadCompletion("main", ["q4_k_m"], [], false, 3, [q4.File], DateTimeOffset.UnixEpoch), TestContext.Current.CancellationToken);
        await DownloadAsync(layout, q8);

        var manifest = await layout.FinishAsync(new DownloadCompletion("main", ["q8_0"], [], false, 3, [q8.File], DateTimeOffset.UnixEpoch.AddDays(1)), TestContext.Current.CancellationToken);

        Assert.Equal(["m-Q4_K_M.gguf", "m-Q8_0.gguf"], manifest.Files.Select(f => f.Path));
        Assert.Equal(["q4_k_m", "q8_0"], manifest.Filters);
        Assert.Equal(DateTimeOffset.UnixEpoch, manifest.CreatedAt);
        Assert.False(manifest.Complete);
    }

    internal static DownloadCompletion Completion(string revision, params StoredFile[] files) =>
        new(revision, [], [], false, files.Length, files.Select(f => f.File).ToList(), DateTimeOffset.UnixEpoch);

    internal static string Prepare(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        return path;
    }

    /// <summary>What the engine does: write the bytes to the temp path, then hand the file back to commit.</summary>
    internal static async Task DownloadAsync(IStorageTarget target, StoredFile file)
    {
        var paths = target.PathsFor(file.File);
        await File.WriteAllBytesAsync(Prepare(paths.TempPath), file.Content, TestContext.Current.CancellationToken);
        await File.WriteAllTextAsync(paths.JournalPath, "{}", TestContext.Current.CancellationToken);
        await target.CommitAsync([file.File], TestContext.Current.CancellationToken);
        Assert.False(File.Exists(paths.TempPath));
        Assert.False(File.Exists(paths.JournalPath));
    }
}
