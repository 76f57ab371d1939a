using HFDesk.Core.Hub;
using HFDesk.Core.Jobs.Execution;
using HFDesk.Core.Planning;
using HFDesk.Core.Storage;
using HFDesk.Core.Tests.Hub;
using HFDesk.Core.Tests.Storage;
using HFDesk.HubEmulator;

namespace HFDesk.Core.Tests.Planning;

public sealed class DownloadPlannerTests
{
    [Fact(Timeout = 60_000)]
    public async Task Plan_NoFilters_ResolvesCommitAndSelectsEveryFile()
    {
        await using var hub = await EmulatedHub.StartAsync();
        using var dir = new TempDirectory();
        var fixture = hub.Emulator.Repos.Get(StandardFixtures.TransformersRepo);

        var plan = await Planner(hub).PlanAsync(Request(StandardFixtures.TransformersRepo), TestContext.Current.CancellationToken);

        Assert.Equal(fixture.Commit, plan.Commit);
        Assert.Equal(fixture.Files.Select(f => f.Path).Order(StringComparer.Ordinal), plan.Files.Select(f => f.Path).Order(StringComparer.Ordinal));
        Assert.Equal(fixture.Files.Count, plan.RepoFileCount);
        var run = RepoDownloadRun.Open(plan, Cache(dir));
        Assert.All(plan.Files, f => Assert.False(run.IsPresent(f)));
        Assert.Equal(fixture.Files.Sum(f => f.Size), plan.TotalSize);
        Assert.Equal(plan.TotalSize, run.BytesToDownload);
        Assert.True(run.AvailableFreeSpace() > 0);
        Assert.Equal(Path.Combine(dir.Path, "models", "emulator", "tiny-transformers"), run.OutputDir);
        var lfs = plan.Files.Single(f => f.Path == "pytorch_model.bin");
        Assert.True(lfs.IsLfs);
        Assert.Equal(fixture.File("pytorch_model.bin").Sha256, lfs.LfsSha256);
    }

    [Fact(Timeout = 60_000)]
    public async Task Plan_GgufQuantFilter_TakesThatQuantAndCompanionsOnly()
    {
        await using var hub = await EmulatedHub.StartAsync();
        using var dir = new TempDirectory();

        var plan = await Planner(hub).PlanAsync(
            Request(StandardFixtures.GgufRepo, new FilterSpec(["q4_k_m"], exactMatch: true)),
            TestContext.Current.CancellationToken);

        Assert.Contains(plan.Files, f => f.Path == StandardFixtures.GgufRecommendedFile);
        Assert.DoesNotContain(plan.Files, f => f.Path.Contains("Q8_0", StringComparison.Ordinal) || f.Path.Contains("Q4_K_S", StringComparison.Ordinal));
        Assert.Single(plan.Files, f => f.Path.EndsWith(".gguf", StringComparison.Ordinal));
        Assert.True(plan.RepoFileCount > plan.TotalFiles);
    }

    [Fact(Timeout = 60_000)]
    public async Task Plan_PullRequestRevision_UsesThatCommitsTree()
    {
        await using var hub = await EmulatedHub.StartAsync();
        using var dir = new TempDirectory();
        var pr = hub.Emulator.Repos.Get(StandardFixtures.RefsRepo).Resolve("refs/pr/1")!;

        var plan = await Planner(hub).PlanAsync(Request(StandardFixtures.RefsRepo) with { Revision = "refs/pr/1" }, TestContext.Current.CancellationToken);

        Assert.Equal(pr.Commit, plan.Commit);
        Assert.Equal(pr.Files["README.md"].GitOid, plan.Files.Single(f => f.Path == "README.md").Oid);
    }

    [Fact(Timeout = 60_000)]
    public async Task Plan_UnknownRevision_ThrowsRevisionNotFound()
    {
        await using var hub = await EmulatedHub.StartAsync();
        using var dir = new TempDirectory();

        var error = await Assert.ThrowsAsync<HubException>(() =>
            Planner(hub).PlanAsync(Request(StandardFixtures.TransformersRepo) with { Revision = "no-such-branch" }, TestContext.Current.CancellationToken));

        Assert.Equal(HubErrorKind.RevisionNotFound, error.Kind);
    }

    [Fact(Timeout = 60_000)]
    public async Task Plan_FilesAlreadyInCache_MarkedPresentAndNotCountedToDownload()
    {
        await using var hub = await EmulatedHub.StartAsync();
        using var dir = new TempDirectory();
        var fixture = hub.Emulator.Repos.Get(StandardFixtures.TransformersRepo);
        var config = fixture.File("config.json");
        var layout = new HfCacheLayout(Path.Combine(dir.Path, "hub"), RepoType.Model, RepoId.Parse(fixture.Id), fixture.Commit);
        var file = new RepoFile(config.Path, config.Size, config.GitOid, null);
        await File.WriteAllBytesAsync(HfCacheLayoutTests.Prepare(layout.PathsFor(file).TempPath), config.ReadAllBytes(), TestContext.Current.CancellationToken);
        await layout.CommitAsync([file], TestContext.Current.CancellationToken);

        var plan = await Planner(hub).PlanAsync(Request(StandardFixtures.TransformersRepo), TestContext.Current.CancellationToken);

        var run = RepoDownloadRun.Open(plan, Cache(dir));
        Assert.True(run.IsPresent(plan.Files.Single(f => f.Path == "config.json")));
        Assert.Equal(1, plan.Files.Count(run.IsPresent));
        Assert.Equal(plan.TotalSize - config.Size, run.BytesToDownload);
    }

    [Fact(Timeout = 60_000)]
    public async Task Plan_HostileNamesInTree_RefusedBeforeAnythingIsWritten()
    {
        await using var hub = await EmulatedHub.StartAsync();
        using var dir = new TempDirectory();
        hub.Emulator.Repos.Add(StandardFixtures.HostileNames());

        await Assert.ThrowsAsync<UnsafePathException>(() =>
            Planner(hub).PlanAsync(Request("emulator/hostile-names"), TestContext.Current.CancellationToken));
        Assert.Empty(dir.AllEntries());

        // Excluding the hostile names leaves a plan that is safe to run.
        var plan = await Planner(hub).PlanAsync(
            Request("emulator/hostile-names", new FilterSpec(["README.md"])),
            TestContext.Current.CancellationToken);
        Assert.Equal(["README.md"], plan.Files.Select(f => f.Path));
    }

    private static DownloadPlanner Planner(EmulatedHub hub) => new(hub.CreateClient(HubEmulatorTokens.Valid));

    private static StorageDestination Cache(TempDirectory dir) => StorageDestination.Cache(Path.Combine(dir.Path, "hub"), dir.Path);

    private static DownloadPlanRequest Request(string repo, FilterSpec? filter = null) =>
        new(RepoId.Parse(repo), RepoType.Model, "main", filter ?? FilterSpec.All);
}
