using System.Globalization;
using HFDesk.Core.Hub;
using HFDesk.Core.Storage;
using Microsoft.Extensions.Time.Testing;

namespace HFDesk.Core.Tests.Storage;

public sealed class LocalDirLayoutTests
{
    private const string Commit = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
    private static readonly RepoId Repo = RepoId.Parse("lmstudio-community/Qwen3-8B-GGUF");

    [Fact]
    public async Task Commit_LfsFile_RealFileAndHuggingFaceMetadataWrittenAfterIt()
    {
        using var dir = new TempDirectory();
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow.AddMinutes(1));
        var layout = new LocalDirLayout(dir.Path, RepoType.Model, Repo, Commit, clock);
        var file = StoredFile.Lfs("sub/model-Q4_K_M.gguf", 3000);

        var paths = layout.PathsFor(file.File);
        Assert.StartsWith(dir.Sub("lmstudio-community", "Qwen3-8B-GGUF", ".cache", "huggingface", "download") + Path.DirectorySeparatorChar, paths.TempPath, StringComparison.Ordinal);
        await HfCacheLayoutTests.DownloadAsync(layout, file);

        var final = dir.Sub("lmstudio-community", "Qwen3-8B-GGUF", "sub", "model-Q4_K_M.gguf");
        Assert.Equal(final, paths.FinalPath);
        Assert.Null(new FileInfo(final).LinkTarget);
        Assert.Equal(file.Content, await File.ReadAllBytesAsync(final, TestContext.Current.CancellationToken));

        var metadata = await File.ReadAllTextAsync(
            dir.Sub("lmstudio-community", "Qwen3-8B-GGUF", ".cache", "huggingface", "download", "sub", "model-Q4_K_M.gguf.metadata"),
            TestContext.Current.CancellationToken);
        var lines = metadata.Split('\n');
        Assert.Equal(4, lines.Length);
        Assert.Equal(Commit, lines[0]);
        Assert.Equal(file.File.LfsSha256, lines[1]);
        Assert.Equal(clock.GetUtcNow().ToUnixTimeMilliseconds() / 1000.0, double.Parse(lines[2], CultureInfo.InvariantCulture), 3);
        Assert.Equal("", lines[3]);
        Assert.True(layout.IsPresent(file.File));
    }

    [Fact]
    public async Task IsPresent_FileChangedAfterMetadata_NotPresent()
    {
        using var dir = new TempDirectory();
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow.AddMinutes(-10));
        var layout = new LocalDirLayout(dir.Path, RepoType.Model, Repo, Commit, clock);
        var file = StoredFile.Git("config.json", "{\"x\":1}");
        await HfCacheLayoutTests.DownloadAsync(layout, file);

        // The metadata's timestamp is ten minutes older than the file: huggingface_hub would distrust it, so do we.
        Assert.False(layout.IsPresent(file.File));
    }

    [Fact]
    public async Task IsPresent_OtherVersionOnDisk_NotPresent()
    {
        using var dir = new TempDirectory();
        var layout = new LocalDirLayout(dir.Path, RepoType.Model, Repo, Commit);
        var old = StoredFile.Git("config.json", "{\"v\":1}");
        var current = StoredFile.Git("config.json", "{\"v\":2}");
        await HfCacheLayoutTests.DownloadAsync(layout, old);

        Assert.True(layout.IsPresent(old.File));
        Assert.False(layout.IsPresent(current.File));
        await HfCacheLayoutTests.DownloadAsync(layout, current);
        Assert.Equal("{\"v\":2}", await File.ReadAllTextAsync(layout.FilePath("config.json"), TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Finish_WritesBookkeepingAndManifest()
    {
        using var dir = new TempDirectory();
        var layout = new LocalDirLayout(dir.Path, RepoType.Model, Repo, Commit);
        var file = StoredFile.Git("README.md", "# hi");
        await HfCacheLayoutTests.DownloadAsync(layout, file);

        await layout.FinishAsync(HfCacheLayoutTests.Completion("main", file), TestContext.Current.CancellationToken);

        var bookkeeping = dir.Sub("lmstudio-community", "Qwen3-8B-GGUF", ".cache", "huggingface");
        Assert.Equal("*", await File.ReadAllTextAsync(Path.Combine(bookkeeping, ".gitignore"), TestContext.Current.CancellationToken));
        Assert.True(File.Exists(Path.Combine(bookkeeping, "CACHEDIR.TAG")));
        var manifest = DownloadManifestFile.TryRead(layout.OutputDir);
        Assert.NotNull(manifest);
        Assert.True(manifest.Complete);
        Assert.Equal(["README.md"], manifest.Files.Select(f => f.Path));
        Assert.DoesNotContain(dir.AllEntries(), e => e.EndsWith(".incomplete", StringComparison.Ordinal) || e.EndsWith(".hfdesk-tmp", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Commit_DuplicateContent_EachPathGetsRealFile()
    {
        using var dir = new TempDirectory();
        var layout = new LocalDirLayout(dir.Path, RepoType.Model, Repo, Commit);
        var a = StoredFile.Git("a/LICENSE", "MIT");
        var b = StoredFile.Git("b/LICENSE", "MIT");
        await File.WriteAllBytesAsync(HfCacheLayoutTests.Prepare(layout.PathsFor(a.File).TempPath), a.Content, TestContext.Current.CancellationToken);

        await layout.CommitAsync([a.File, b.File], TestContext.Current.CancellationToken);

        Assert.Equal("MIT", await File.ReadAllTextAsync(layout.FilePath("a/LICENSE"), TestContext.Current.CancellationToken));
        Assert.Equal("MIT", await File.ReadAllTextAsync(layout.FilePath("b/LICENSE"), TestContext.Current.CancellationToken));
        Assert.True(layout.IsPresent(b.File));
    }

    [Theory]
    [InlineData("../x")]
    [InlineData("/etc/x")]
    [InlineData("C:\\x")]
    [InlineData("a\\..\\..\\x")]
    [InlineData("a/../../x")]
    [InlineData("../../../../x")]
    public async Task Commit_TraversalPath_ThrowsAndCreatesNothingOutsideRoot(string hostilePath)
    {
        using var dir = new TempDirectory();
        var layout = new LocalDirLayout(dir.Sub("root"), RepoType.Model, Repo, Commit);
        var file = StoredFile.Git(hostilePath, "pwned");

        Assert.Throws<UnsafePathException>(() => layout.PathsFor(file.File));
        Assert.Throws<UnsafePathException>(() => layout.IsPresent(file.File));
        await Assert.ThrowsAsync<UnsafePathException>(() => layout.CommitAsync([file.File], TestContext.Current.CancellationToken));
        Assert.All(dir.AllEntries(), e => Assert.StartsWith("root/", e, StringComparison.Ordinal));
    }
}
