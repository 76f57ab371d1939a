using HFDesk.Core.Hub;
using HFDesk.HubEmulator;

namespace HFDesk.Core.Tests.Hub;

public sealed class HubClientMetadataTests
{
    [Fact(Timeout = 60_000)]
    public async Task GetRepoInfo_GgufModel_ReadsFieldsAndCommit()
    {
        await using var hub = await EmulatedHub.StartAsync();
        var fixture = hub.Emulator.Repos.Get(StandardFixtures.GgufRepo);

        var info = await hub.CreateClient().GetRepoInfoAsync(RepoId.Parse(StandardFixtures.GgufRepo), RepoType.Model, null, TestContext.Current.CancellationToken);

        Assert.Equal(StandardFixtures.GgufRepo, info.Id);
        Assert.Equal(fixture.Commit, info.Sha);
        Assert.Equal(RepoType.Model, info.Type);
        Assert.Equal(125_000, info.Downloads);
        Assert.Equal(321, info.Likes);
        Assert.Contains("gguf", info.Tags);
        Assert.Equal("text-generation", info.PipelineTag);
        Assert.False(info.IsGated);
        Assert.False(info.Private);
        Assert.NotNull(info.LastModified);
        Assert.NotNull(info.CardData);
        Assert.Contains(info.Siblings, s => s.Path == StandardFixtures.GgufRecommendedFile);
    }

    [Fact(Timeout = 60_000)]
    public async Task GetRepoInfo_GatedModelWithoutToken_IsReadableAndMarkedGated()
    {
        await using var hub = await EmulatedHub.StartAsync();

        var info = await hub.CreateClient().GetRepoInfoAsync(RepoId.Parse(StandardFixtures.GatedRepo), RepoType.Model, null, TestContext.Current.CancellationToken);

        Assert.Equal("manual", info.Gated);
        Assert.True(info.IsGated);
    }

    [Fact(Timeout = 60_000)]
    public async Task GetRepoInfo_Dataset_UsesDatasetRoutes()
    {
        await using var hub = await EmulatedHub.StartAsync();

        var info = await hub.CreateClient().GetRepoInfoAsync(RepoId.Parse(StandardFixtures.ParquetDataset), RepoType.Dataset, "main", TestContext.Current.CancellationToken);

        Assert.Equal(RepoType.Dataset, info.Type);
        Assert.Equal(hub.Emulator.Repos.Get(RepoKind.Dataset, StandardFixtures.ParquetDataset).Commit, info.Sha);
        Assert.Contains(hub.Emulator.Requests.Snapshot(), r => r.Path == $"/api/datasets/{StandardFixtures.ParquetDataset}/revision/main");
    }

    [Fact(Timeout = 60_000)]
    public async Task GetTree_MoreFilesThanOnePage_FollowsLinkPagination()
    {
        await using var hub = await EmulatedHub.StartAsync();
        var fixture = hub.Emulator.Repos.Get(StandardFixtures.ManyFilesRepo);

        var files = await hub.CreateClient().GetTreeAsync(RepoId.Parse(StandardFixtures.ManyFilesRepo), RepoType.Model, "main", TestContext.Current.CancellationToken);

        Assert.Equal(StandardFixtures.ManyFilesCount, files.Count);
        Assert.Equal(fixture.Files.Select(f => f.Path).Order(StringComparer.Ordinal), files.Select(f => f.Path).Order(StringComparer.Ordinal));
        Assert.Contains(files, f => f.Path.StartsWith("part-b/nested/", StringComparison.Ordinal));
        var treeRequests = hub.Emulator.Requests.Snapshot().Count(r => r.Path.Contains("/tree/", StringComparison.Ordinal));
        Assert.True(treeRequests >= 3, $"expected several pages, saw {treeRequests} tree requests");
    }

    [Fact(Timeout = 60_000)]
    public async Task GetTree_PageBudgetExceeded_FailsClearly()
    {
        await using var hub = await EmulatedHub.StartAsync();
        var client = hub.CreateClient(configure: o => o with { MaxTreePages = 2 });

        var error = await Assert.ThrowsAsync<HubException>(() => client.GetTreeAsync(RepoId.Parse(StandardFixtures.ManyFilesRepo), RepoType.Model, "main", TestContext.Current.CancellationToken));

        Assert.Contains("more than 2 pages", error.Message, StringComparison.Ordinal);
        Assert.Equal(2, hub.Emulator.Requests.Snapshot().Count(r => r.Path.Contains("/tree/", StringComparison.Ordinal)));
    }

    [Fact(Timeout = 60_000)]
    public async Task GetTree_LfsFiles_CarryRealSizeAndSha256()
    {
        await using var hub = await EmulatedHub.StartAsync();
        var fixture = hub.Emulator.Repos.Get(StandardFixtures.GgufRepo);

        var files = await hub.CreateClient().GetTreeAsync(RepoId.Parse(StandardFixtures.GgufRepo), RepoType.Model, fixture.Commit, TestContext.Current.CancellationToken);

        var gguf = Assert.Single(files, f => f.Path == StandardFixtures.GgufRecommendedFile);
        var expected = fixture.File(StandardFixtures.GgufRecommendedFile);
        Assert.Equal(expected.Size, gguf.Size);
        Assert.Equal(expected.Sha256, gguf.LfsSha256);
        Assert.Equal(expected.GitOid, gguf.Oid);
        var readme = Assert.Single(files, f => f.Path == "README.md");
        Assert.False(readme.IsLfs);
        Assert.Equal(fixture.File("README.md").GitOid, readme.BlobName);
        Assert.Contains(files, f => f.Path == "BF16/Tiny-Llama-BF16-00002-of-00003.gguf");
        Assert.DoesNotContain(files, f => f.Path == "BF16");
    }

    [Fact(Timeout = 60_000)]
    public async Task GetRefs_ListsBranchesTagsAndPullRequests()
    {
        await using var hub = await EmulatedHub.StartAsync();

        var refs = await hub.CreateClient().GetRefsAsync(RepoId.Parse(StandardFixtures.RefsRepo), RepoType.Model, TestContext.Current.CancellationToken);

        Assert.Contains(refs.Branches, b => b.Name == "main" && b.TargetCommit.Length == 40);
        Assert.Contains(refs.Branches, b => b.Name == StandardFixtures.RefsSlashBranch);
        Assert.Contains(refs.Tags, t => t.Name == StandardFixtures.RefsTag);
        Assert.Contains(refs.PullRequests, p => p.Ref == "refs/pr/1");
    }

    [Theory(Timeout = 60_000)]
    [InlineData("tag")]
    [InlineData("commit")]
    [InlineData("pr")]
    [InlineData("slash-branch")]
    public async Task Revisions_EachForm_ResolvesToItsOwnCommitAndFiles(string form)
    {
        await using var hub = await EmulatedHub.StartAsync();
        var fixture = hub.Emulator.Repos.Get(StandardFixtures.RefsRepo);
        var (revision, expectedRevision) = form switch
        {
            "tag" => (StandardFixtures.RefsTag, fixture.Revisions.Single(r => r.Name == StandardFixtures.RefsTag)),
            "commit" => (fixture.Commit, fixture.Revisions[0]),
            "pr" => ("refs/pr/1", fixture.Revisions.Single(r => r.Ref == "refs/pr/1")),
            _ => (StandardFixtures.RefsSlashBranch, fixture.Revisions.Single(r => r.Name == StandardFixtures.RefsSlashBranch)),
        };
        var client = hub.CreateClient();
        var repo = RepoId.Parse(StandardFixtures.RefsRepo);

        var info = await client.GetRepoInfoAsync(repo, RepoType.Model, revision, TestContext.Current.CancellationToken);
        var files = await client.GetTreeAsync(repo, RepoType.Model, revision, TestContext.Current.CancellationToken);
        var readme = await client.ReadSmallFileAsync(repo, RepoType.Model, revision, "README.md", 4096, TestContext.Current.CancellationToken);

        Assert.Equal(expectedRevision.Commit, info.Sha);
        Assert.Equal(expectedRevision.Files.Keys.Order(StringComparer.Ordinal), files.Select(f => f.Path).Order(StringComparer.Ordinal));
        Assert.Equal(expectedRevision.Files["README.md"].ReadAllBytes(), readme);
        // huggingface_hub sends a revision as one %-encoded segment: refs%2Fpr%2F1, feature%2Flong-context.
        var encoded = Uri.EscapeDataString(revision);
        Assert.Contains(hub.Emulator.Requests.Snapshot(), r => r.Path.EndsWith($"/revision/{encoded}", StringComparison.Ordinal));
        Assert.Contains(hub.Emulator.Requests.Snapshot(), r => r.Path.Contains($"/resolve/{encoded}/README.md", StringComparison.Ordinal));
    }

    [Fact(Timeout = 60_000)]
    public async Task ReadSmallFile_LargerThanLimit_ReturnsNull()
    {
        await using var hub = await EmulatedHub.StartAsync();

        var content = await hub.CreateClient().ReadSmallFileAsync(RepoId.Parse(StandardFixtures.TransformersRepo), RepoType.Model, "main", "config.json", 16, TestContext.Current.CancellationToken);

        Assert.Null(content);
    }

    [Fact(Timeout = 60_000)]
    public async Task ReadSmallFile_PathWithSpaceAndHash_IsEncodedPerSegment()
    {
        await using var hub = await EmulatedHub.StartAsync();
        hub.Emulator.Repos.Add(RepoFixture.Model("emulator/odd-names").WithFile("sub dir/a#b.json", "{\"ok\":true}"));

        var content = await hub.CreateClient().ReadSmallFileAsync(RepoId.Parse("emulator/odd-names"), RepoType.Model, "main", "sub dir/a#b.json", 4096, TestContext.Current.CancellationToken);

        Assert.Equal("{\"ok\":true}", System.Text.Encoding.UTF8.GetString(content!));
        Assert.Contains(hub.Emulator.Requests.Snapshot(), r => r.Path.EndsWith("/resolve/main/sub%20dir/a%23b.json", StringComparison.Ordinal));
    }
}
