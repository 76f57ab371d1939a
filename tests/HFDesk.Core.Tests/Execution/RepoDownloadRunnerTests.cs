using System.Security.Cryptography;
using HFDesk.Core.Downloads;
using HFDesk.Core.Hub;
using HFDesk.Core.Jobs.Execution;
using HFDesk.Core.Planning;
using HFDesk.Core.Storage;
using HFDesk.HubEmulator;

namespace HFDesk.Core.Tests.Execution;

public sealed class RepoDownloadRunnerTests
{
    [Fact(Timeout = 120_000)]
    public async Task Run_WholeRepoIntoCache_LayoutMatchesFixtureExactly()
    {
        await using var h = await RunnerHarness.StartAsync();
        var fixture = h.Emulator.Repos.Get(StandardFixtures.TransformersRepo);
        var destination = h.Cache();

        var result = await h.DownloadAsync(StandardFixtures.TransformersRepo, destination, TestContext.Current.CancellationToken);

        var repoDir = Path.Combine(h.HubDir, "models--emulator--tiny-transformers");
        Assert.Equal(fixture.Commit, await File.ReadAllTextAsync(Path.Combine(repoDir, "refs", "main"), TestContext.Current.CancellationToken));
        foreach (var file in fixture.Files)
        {
            var snapshot = Path.Combine([repoDir, "snapshots", fixture.Commit, .. file.Path.Split('/')]);
            Assert.NotNull(new FileInfo(snapshot).LinkTarget);
            Assert.Equal(file.Sha256, await Sha256Async(snapshot));
            Assert.True(File.Exists(Path.Combine(repoDir, "blobs", file.BlobName)), $"blob of {file.Path}");
        }

        Assert.Equal(fixture.Files.Count, result.FilesDownloaded);
        Assert.True(result.Manifest.Complete);
        Assert.Equal(Path.Combine(h.Dir.Path, "models", "emulator", "tiny-transformers"), result.OutputDir);
        Assert.NotNull(DownloadManifestFile.TryRead(result.OutputDir));
        Assert.DoesNotContain(h.Dir.AllEntries(), e => e.EndsWith(".incomplete", StringComparison.Ordinal) || e.EndsWith(".hfdesk-tmp", StringComparison.Ordinal) || e.EndsWith(".journal", StringComparison.Ordinal));
        Assert.Equal(fixture.Files.Count, h.Events.Count(e => e.Kind == RecordedKind.FileCompleted));
        Assert.Contains(h.Events, e => e.Kind == RecordedKind.PhaseChanged && e.Phase == DownloadPhase.Finalizing);

        // Files below the multipart threshold are one GET each that follows the 302 itself: no HEAD at all,
        // and each LFS file reaches the CDN exactly once.
        var requests = h.Emulator.Requests.Snapshot();
        Assert.DoesNotContain(requests, r => r.Method == "HEAD");
        Assert.Equal(fixture.Files.Count(f => f.IsLfs), requests.Count(r => r.Origin == RequestOrigin.Cdn && r.Method == "GET"));
    }

    [Fact(Timeout = 120_000)]
    public async Task Run_FilteredIntoLocalDir_RealFilesWithMetadataAndFilteredManifest()
    {
        await using var h = await RunnerHarness.StartAsync();
        var fixture = h.Emulator.Repos.Get(StandardFixtures.GgufRepo);
        var destination = h.Local();

        var result = await h.DownloadAsync(StandardFixtures.GgufRepo, destination, TestContext.Current.CancellationToken, new FilterSpec(["Q4_K_M"], exactMatch: true));

        var root = Path.Combine(h.Dir.Path, "local", "emulator", "Tiny-Llama-GGUF");
        Assert.Equal(root, result.OutputDir);
        var gguf = Path.Combine(root, StandardFixtures.GgufRecommendedFile);
        Assert.Null(new FileInfo(gguf).LinkTarget);
        Assert.Equal(fixture.File(StandardFixtures.GgufRecommendedFile).Sha256, await Sha256Async(gguf));
        Assert.False(File.Exists(Path.Combine(root, "Tiny-Llama-Q8_0.gguf")));
        var metadata = await File.ReadAllLinesAsync(Path.Combine(root, ".cache", "huggingface", "download", StandardFixtures.GgufRecommendedFile + ".metadata"), TestContext.Current.CancellationToken);
        Assert.Equal([fixture.Commit, fixture.File(StandardFixtures.GgufRecommendedFile).Sha256], metadata[..2]);
        Assert.False(result.Manifest.Complete);
        Assert.Equal(["Q4_K_M"], result.Manifest.Filters);
        Assert.False(Directory.Exists(h.HubDir));
    }

    [Fact(Timeout = 120_000)]
    public async Task Run_LocalDirWithForeignCopies_AdoptsIdenticalFileAndReplacesWrongOne()
    {
        await using var h = await RunnerHarness.StartAsync();
        var fixture = h.Emulator.Repos.Get(StandardFixtures.GgufRepo);
        var root = Path.Combine(h.Dir.Path, "local", "emulator", "Tiny-Llama-GGUF");
        Directory.CreateDirectory(root);

        // As LM Studio would leave them: the right GGUF without HF metadata, and a same-size README with other bytes.
        var gguf = fixture.File(StandardFixtures.GgufRecommendedFile);
        await File.WriteAllBytesAsync(Path.Combine(root, gguf.Path), gguf.ReadAllBytes(), TestContext.Current.CancellationToken);
        var readme = fixture.File("README.md");
        await File.WriteAllBytesAsync(Path.Combine(root, "README.md"), new byte[readme.Size], TestContext.Current.CancellationToken);

        var result = await h.DownloadAsync(StandardFixtures.GgufRepo, h.Local(), TestContext.Current.CancellationToken, new FilterSpec(["Q4_K_M"], exactMatch: true));

        Assert.Equal(0, h.Emulator.Requests.BytesSent(gguf.Path));
        Assert.Contains(h.Events, e => e.Kind == RecordedKind.FileSkipped && e.Path == gguf.Path);
        Assert.True(File.Exists(Path.Combine(root, ".cache", "huggingface", "download", gguf.Path + ".metadata")));
        Assert.Equal(readme.Sha256, await Sha256Async(Path.Combine(root, "README.md")));
        Assert.True(result.FilesSkipped >= 1);
    }

    [Fact(Timeout = 120_000)]
    public async Task Run_EmptyAndDuplicateFiles_EachPathGetsItsContent()
    {
        await using var h = await RunnerHarness.StartAsync();
        var fixture = h.Emulator.Repos.Add(RepoFixture.Model("emulator/edge-files")
            .WithFile("pkg/__init__.py", "")
            .WithFile("empty.txt", "")
            .WithFile("LICENSE", "MIT\n")
            .WithFile("docs/LICENSE", "MIT\n")
            .WithFile("weights.bin", 4096, lfs: true));

        var copyRoot = Path.Combine(h.Dir.Path, "copy-mode");
        foreach (var destination in new[] { h.Cache(), StorageDestination.Cache(Path.Combine(copyRoot, "hub"), copyRoot, LinkMode.Copy), h.Local() })
        {
            h.Emulator.Requests.Clear();
            var plan = await h.PlanAsync("emulator/edge-files", destination);
            var result = await h.RunAsync(plan, destination, cancellationToken: TestContext.Current.CancellationToken);

            var target = destination.Open(RepoType.Model, plan.Repo, plan.Commit);
            foreach (var file in fixture.Files)
            {
                var path = target.PathsFor(plan.Files.Single(f => f.Path == file.Path)).FinalPath;
                Assert.Equal(file.Sha256, await Sha256Async(path));
            }

            // Identical content is one blob: fetched once for both LICENSE paths, once for both empty files.
            Assert.Equal(1, h.Emulator.Requests.Snapshot().Count(r => r.Method == "GET" && r.Path.EndsWith("/LICENSE", StringComparison.Ordinal)));
            Assert.True(result.Manifest.Complete);
        }
    }

    [Fact(Timeout = 120_000)]
    public async Task Run_Dataset_UsesDatasetFoldersInCacheAndFriendlyView()
    {
        await using var h = await RunnerHarness.StartAsync();
        var fixture = h.Emulator.Repos.Get(RepoKind.Dataset, StandardFixtures.ParquetDataset);
        var destination = h.Cache();

        var plan = await h.PlanAsync(StandardFixtures.ParquetDataset, destination, type: RepoType.Dataset);
        var result = await h.RunAsync(plan, destination, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(fixture.Commit, await File.ReadAllTextAsync(Path.Combine(h.HubDir, "datasets--emulator--tiny-parquet", "refs", "main"), TestContext.Current.CancellationToken));
        Assert.Equal(Path.Combine(h.Dir.Path, "datasets", "emulator", "tiny-parquet"), result.OutputDir);
        Assert.Equal(RepoType.Dataset, result.Manifest.Type);
        Assert.All(fixture.Files, f => Assert.True(File.Exists(Path.Combine([result.OutputDir, .. f.Path.Split('/')])), f.Path));
    }

    [Fact(Timeout = 120_000)]
    public async Task Run_SecondTime_SkipsEveryFileAndFetchesNoBytes()
    {
        await using var h = await RunnerHarness.StartAsync();
        var destination = h.Cache();
        await h.DownloadAsync(StandardFixtures.TransformersRepo, destination, TestContext.Current.CancellationToken);
        h.Emulator.Requests.Clear();
        h.Events.Clear();

        var result = await h.DownloadAsync(StandardFixtures.TransformersRepo, destination, TestContext.Current.CancellationToken);

        Assert.Equal(0, result.FilesDownloaded);
        Assert.Equal(0, result.BytesFetched);
        Assert.All(h.Events.Where(e => e.Path is not null && e.Kind is RecordedKind.FileCompleted or RecordedKind.FileStarted), e => Assert.Fail($"{e.Path} was fetched again"));
        Assert.DoesNotContain(h.Emulator.Requests.Snapshot(), r => r.Origin == RequestOrigin.Cdn || r.Path.Contains("/resolve/", StringComparison.Ordinal));
    }

    [Fact(Timeout = 180_000)]
    public async Task Run_CancelledMidFile_KeepsPartialAndNextRunFetchesOnlyTheRest()
    {
        await using var h = await RunnerHarness.StartAsync();
        const long size = 24L * 1024 * 1024;
        var fixture = h.Emulator.Repos.Add(StandardFixtures.LargeFile("emulator/large", size));
        var destination = h.Cache();
        var plan = await h.PlanAsync("emulator/large", destination);
        var options = new RepoDownloadOptions { Transfer = TransferOptions.Default with { Connections = 4, MultipartThreshold = 1024 * 1024, JournalInterval = TimeSpan.FromMilliseconds(100) } };
        var cap = h.Emulator.Faults.BandwidthCap(2 * 1024 * 1024);

        using var pause = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => h.RunAsync(
            plan,
            destination,
            options,
            e =>
            {
                if (e.Kind == RecordedKind.FileProgress && e.Path == "large.bin" && e.Bytes >= size / 3)
                {
                    pause.Cancel();
                }
            },
            pause.Token));

        var target = destination.Open(RepoType.Model, RepoId.Parse("emulator/large"), fixture.Commit);
        var large = plan.Files.Single(f => f.Path == "large.bin");
        var paths = target.PathsFor(large);
        Assert.True(File.Exists(paths.TempPath), "partial kept on pause");
        Assert.True(File.Exists(paths.JournalPath), "journal kept on pause");
        Assert.False(target.IsPresent(large));

        h.Emulator.Faults.Remove(cap);
        var firstRunBytes = h.Emulator.Requests.BytesSent("large.bin", RequestOrigin.Cdn);
        h.Emulator.Requests.Clear();
        var result = await h.RunAsync(plan, destination, options);

        var secondRunBytes = h.Emulator.Requests.BytesSent("large.bin", RequestOrigin.Cdn);
        Assert.True(result.BytesResumed > 0, "resumed bytes reported");
        Assert.True(secondRunBytes < size, $"second run fetched {secondRunBytes} of {size} bytes (first run sent {firstRunBytes})");
        Assert.True(secondRunBytes <= size - result.BytesResumed + (4 * 1024 * 1024), $"second run refetched journaled bytes: {secondRunBytes}, resumed {result.BytesResumed}");
        Assert.Equal(fixture.File("large.bin").Sha256, await Sha256Async(paths.FinalPath));
        Assert.False(File.Exists(paths.TempPath));
        Assert.False(File.Exists(paths.JournalPath));
    }

    [Fact(Timeout = 120_000)]
    public async Task DeletePartials_AfterPause_RemovesTempAndJournalOnly()
    {
        await using var h = await RunnerHarness.StartAsync();
        h.Emulator.Repos.Add(StandardFixtures.LargeFile("emulator/large", 8L * 1024 * 1024));
        var destination = h.Cache();
        await h.DownloadAsync(StandardFixtures.TransformersRepo, destination, TestContext.Current.CancellationToken);
        var plan = await h.PlanAsync("emulator/large", destination);
        h.Emulator.Faults.BandwidthCap(1024 * 1024);
        using var pause = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => h.RunAsync(
            plan,
            destination,
            new RepoDownloadOptions { Transfer = TransferOptions.Default with { JournalInterval = TimeSpan.FromMilliseconds(100) } },
            e =>
            {
                if (e.Kind == RecordedKind.FileProgress && e.Path == "large.bin" && e.Bytes >= 512 * 1024)
                {
                    pause.Cancel();
                }
            },
            pause.Token));
        var target = destination.Open(RepoType.Model, plan.Repo, plan.Commit);
        var paths = target.PathsFor(plan.Files.Single(f => f.Path == "large.bin"));
        Assert.True(File.Exists(paths.TempPath));

        // What a kill in the middle of a journal save leaves: the save's temp sibling, which cancel removes too.
        await File.WriteAllTextAsync(paths.JournalPath + ".tmp", "{\"Size\":", TestContext.Current.CancellationToken);
        var before = h.Dir.AllEntries().Where(e => !e.Contains("emulator--large", StringComparison.Ordinal)).ToList();

        RepoDownloadRunner.DeletePartials(RepoDownloadRun.Open(plan, destination));

        Assert.DoesNotContain(h.Dir.AllEntries(), e => e.Contains(".incomplete", StringComparison.Ordinal) || e.Contains(".journal", StringComparison.Ordinal));
        Assert.Equal(before, h.Dir.AllEntries().Where(e => !e.Contains("emulator--large", StringComparison.Ordinal)).ToList());
    }

    [Fact(Timeout = 120_000)]
    public async Task Run_HostileNamesInPlan_WritesNothingOutsideTheRoot()
    {
        await using var h = await RunnerHarness.StartAsync();
        var fixture = h.Emulator.Repos.Add(StandardFixtures.HostileNames());
        var root = Path.Combine(h.Dir.Path, "root");
        var destination = StorageDestination.Cache(Path.Combine(root, "hub"), root);

        // A plan built by hand, as if a planner had let the names through: the runner must still confine them.
        var plan = new DownloadPlan
        {
            Repo = RepoId.Parse(fixture.Id),
            Revision = "main",
            Commit = fixture.Commit,
            Filter = FilterSpec.All,
            Files = [.. fixture.Files.Select(f => new RepoFile(f.Path, f.Size, f.GitOid, f.IsLfs ? f.Sha256 : null))],
            RepoFileCount = fixture.Files.Count,
        };

        // Every path is confined before the first byte is fetched, so one hostile name stops the whole job.
        await Assert.ThrowsAsync<UnsafePathException>(() => h.RunAsync(plan, destination, cancellationToken: TestContext.Current.CancellationToken));

        Assert.DoesNotContain(h.Emulator.Requests.Snapshot(), r => r.Path.Contains("/resolve/", StringComparison.Ordinal));
        Assert.All(h.Dir.AllEntries(), e => Assert.StartsWith("root/", e, StringComparison.Ordinal));
        Assert.DoesNotContain(h.Dir.AllEntries(), e => e.Contains("evil", StringComparison.Ordinal) || e.Contains("escape", StringComparison.Ordinal));
    }

    [Fact(Timeout = 120_000)]
    public async Task Run_WithoutSymlinks_SnapshotAndFriendlyViewHoldRealFiles()
    {
        await using var h = await RunnerHarness.StartAsync();
        var fixture = h.Emulator.Repos.Get(StandardFixtures.TransformersRepo);
        var destination = h.Cache(LinkMode.Copy);

        var result = await h.DownloadAsync(StandardFixtures.TransformersRepo, destination, TestContext.Current.CancellationToken);

        var snapshotDir = Path.Combine(h.HubDir, "models--emulator--tiny-transformers", "snapshots", fixture.Commit);
        foreach (var file in fixture.Files)
        {
            var snapshot = Path.Combine([snapshotDir, .. file.Path.Split('/')]);
            var friendly = Path.Combine([result.OutputDir, .. file.Path.Split('/')]);
            Assert.Null(new FileInfo(snapshot).LinkTarget);
            Assert.Null(new FileInfo(friendly).LinkTarget);
            Assert.Equal(file.Sha256, await Sha256Async(snapshot));
            Assert.Equal(file.Sha256, await Sha256Async(friendly));
        }

        Assert.True(destination.Open(RepoType.Model, RepoId.Parse(fixture.Id), fixture.Commit).IsPresent(new RepoFile("config.json", fixture.File("config.json").Size, fixture.File("config.json").GitOid, null)));
    }

    [Fact(Timeout = 120_000)]
    public async Task Run_PrivateRepoWithRelativeRedirects_TokenFollowsOnlyToTheHub()
    {
        await using var h = await RunnerHarness.StartAsync();
        var fixture = h.Emulator.Repos.Get(StandardFixtures.PrivateRepo);
        h.Emulator.Faults.RelativeRedirects();
        var destination = h.Cache();

        await h.DownloadAsync(StandardFixtures.PrivateRepo, destination, TestContext.Current.CancellationToken);

        var target = destination.Open(RepoType.Model, RepoId.Parse(fixture.Id), fixture.Commit);
        foreach (var file in fixture.Files)
        {
            Assert.Equal(file.Sha256, await Sha256Async(target.PathsFor(new RepoFile(file.Path, file.Size, file.GitOid, file.IsLfs ? file.Sha256 : null)).FinalPath));
        }

        var requests = h.Emulator.Requests.Snapshot();
        Assert.Contains(requests, r => r.Status == 307);
        Assert.DoesNotContain(requests, r => r.Origin == RequestOrigin.Cdn && r.HasAuthorization);
    }

    [Fact(Timeout = 120_000)]
    public async Task Run_GatedRepoWithoutToken_FailsFastWithGatedError()
    {
        await using var h = await RunnerHarness.StartAsync(token: null);
        var destination = h.Cache();
        var plan = await h.PlanAsync(StandardFixtures.GatedRepo, destination);

        var error = await Assert.ThrowsAsync<HubException>(() => h.RunAsync(plan, destination, cancellationToken: TestContext.Current.CancellationToken));

        Assert.Equal(HubErrorKind.Gated, error.Kind);
        Assert.DoesNotContain(h.Dir.AllEntries(), e => e.Contains("/snapshots/", StringComparison.Ordinal));
    }

    [Theory(Timeout = 120_000)]
    [InlineData(null)]
    [InlineData(nameof(VerifyMode.Size))]
    [InlineData(nameof(VerifyMode.None))]
    public async Task Run_RegularFileBytesDoNotMatchItsOid_RefusedAndNoBlobHoldsThem(string? verifyName)
    {
        // Issue 12 item 4: with verify=size a regular file with the wrong bytes was stored under its oid.
        VerifyMode? verify = verifyName is null ? null : Enum.Parse<VerifyMode>(verifyName);
        await using var h = await RunnerHarness.StartAsync();
        var fixture = h.Emulator.Repos.Get(StandardFixtures.TransformersRepo);
        var config = fixture.File("config.json");
        Assert.False(config.IsLfs);
        h.Emulator.Faults.CorruptBytes("/config.json");
        var destination = h.Cache();
        var plan = await h.PlanAsync(StandardFixtures.TransformersRepo, destination, new FilterSpec(["config.json"], exactMatch: true));
        var options = verify is { } mode
            ? RepoDownloadOptions.Default with { Transfer = TransferOptions.Default with { Verify = mode } }
            : RepoDownloadOptions.Default;

        var error = await Assert.ThrowsAsync<RepoDownloadException>(() => h.RunAsync(plan, destination, options, cancellationToken: TestContext.Current.CancellationToken));

        Assert.Contains("config.json", error.FailedPaths);
        var repoDir = Path.Combine(h.HubDir, "models--emulator--tiny-transformers");
        Assert.False(File.Exists(Path.Combine(repoDir, "blobs", config.BlobName)), "a blob holds bytes that are not its name");
        Assert.False(File.Exists(Path.Combine(repoDir, "snapshots", fixture.Commit, "config.json")));
    }

    private static async Task<string> Sha256Async(string path)
    {
        await using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, TestContext.Current.CancellationToken));
    }
}
