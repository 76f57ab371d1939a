using HFDesk.Core.Hub;
using HFDesk.HubEmulator;
using Microsoft.Extensions.Time.Testing;

namespace HFDesk.Core.Tests.Hub;

public sealed class HubTreeCacheTests
{
    [Fact(Timeout = 60_000)]
    public async Task GetTree_SameCommitTwice_ListsOnceAndAnswersTheSameFiles()
    {
        await using var hub = await HubEmulatorHost.StartAsync(null, TestContext.Current.CancellationToken);
        using var factory = Factory(hub, new FakeTimeProvider());
        var (repo, commit) = await CommitAsync(factory);

        var first = await factory.Create().GetTreeAsync(repo, RepoType.Model, commit, TestContext.Current.CancellationToken);
        var pages = TreeRequests(hub);
        var second = await factory.Create().GetTreeAsync(repo, RepoType.Model, commit, TestContext.Current.CancellationToken);

        Assert.True(pages >= 3, $"the repo should need several pages, saw {pages}");
        Assert.Equal(pages, TreeRequests(hub));
        Assert.Equal(first.Select(f => (f.Path, f.Size, f.Oid)), second.Select(f => (f.Path, f.Size, f.Oid)));
    }

    [Fact(Timeout = 60_000)]
    public async Task GetTree_BranchName_ListedEveryTime()
    {
        await using var hub = await HubEmulatorHost.StartAsync(null, TestContext.Current.CancellationToken);
        using var factory = Factory(hub, new FakeTimeProvider());
        var repo = RepoId.Parse(StandardFixtures.ManyFilesRepo);

        await factory.Create().GetTreeAsync(repo, RepoType.Model, "main", TestContext.Current.CancellationToken);
        var pages = TreeRequests(hub);
        await factory.Create().GetTreeAsync(repo, RepoType.Model, "main", TestContext.Current.CancellationToken);

        // A branch moves: its listing is never reused.
        Assert.Equal(2 * pages, TreeRequests(hub));
    }

    [Fact(Timeout = 60_000)]
    public async Task GetTree_OtherTokenOrExpired_ListedAgain()
    {
        await using var hub = await HubEmulatorHost.StartAsync(null, TestContext.Current.CancellationToken);
        var time = new FakeTimeProvider();
        var options = new MutableOptions(Options(hub));
        using var factory = new HubClientFactory(options, time);
        var (repo, commit) = await CommitAsync(factory);

        await factory.Create().GetTreeAsync(repo, RepoType.Model, commit, TestContext.Current.CancellationToken);
        var pages = TreeRequests(hub);

        // Another token is another access: its answer must come from the Hub.
        options.Current = options.Current with { Token = HubEmulatorTokens.Valid };
        await factory.Create().GetTreeAsync(repo, RepoType.Model, commit, TestContext.Current.CancellationToken);
        Assert.Equal(2 * pages, TreeRequests(hub));

        time.Advance(HubTreeCache.Lifetime + TimeSpan.FromSeconds(1));
        await factory.Create().GetTreeAsync(repo, RepoType.Model, commit, TestContext.Current.CancellationToken);
        Assert.Equal(3 * pages, TreeRequests(hub));
    }

    [Fact(Timeout = 60_000)]
    public async Task GetTree_ListingThatFails_IsNotKept()
    {
        await using var hub = await HubEmulatorHost.StartAsync(new HubEmulatorOptions { TreePageSize = 1 }, TestContext.Current.CancellationToken);
        using var factory = Factory(hub, new FakeTimeProvider());
        var (repo, commit) = await CommitAsync(factory);
        var loop = hub.Faults.LoopingPagination();

        await Assert.ThrowsAsync<HubException>(() => factory.Create().GetTreeAsync(repo, RepoType.Model, commit, TestContext.Current.CancellationToken));
        hub.Faults.Remove(loop);
        var files = await factory.Create().GetTreeAsync(repo, RepoType.Model, commit, TestContext.Current.CancellationToken);

        Assert.Equal(StandardFixtures.ManyFilesCount, files.Count);
    }

    [Fact]
    public void Keep_MoreCommitsThanCapacity_TheOldestGoes()
    {
        var time = new FakeTimeProvider();
        var cache = new HubTreeCache(time);
        var options = new HubClientOptions();
        var repo = RepoId.Parse("acme/tiny");
        for (var i = 0; i <= HubTreeCache.Capacity; i++)
        {
            cache.Keep(options, repo, RepoType.Model, Commit(i), Files(1));
            time.Advance(TimeSpan.FromSeconds(1));
        }

        Assert.Null(cache.Find(options, repo, RepoType.Model, Commit(0)));
        Assert.All(Enumerable.Range(1, HubTreeCache.Capacity), i => Assert.NotNull(cache.Find(options, repo, RepoType.Model, Commit(i))));
    }

    [Fact]
    public void Keep_ListingsOverTheFileCapacity_NeverHeldTogether()
    {
        var time = new FakeTimeProvider();
        var cache = new HubTreeCache(time);
        var options = new HubClientOptions();
        var repo = RepoId.Parse("acme/huge");

        cache.Keep(options, repo, RepoType.Dataset, Commit(1), Files(HubTreeCache.FileCapacity + 1));
        Assert.Null(cache.Find(options, repo, RepoType.Dataset, Commit(1)));

        cache.Keep(options, repo, RepoType.Dataset, Commit(2), Files(HubTreeCache.FileCapacity / 2));
        time.Advance(TimeSpan.FromSeconds(1));
        cache.Keep(options, repo, RepoType.Dataset, Commit(3), Files((HubTreeCache.FileCapacity / 2) + 1));

        // Together they would pass the bound: the older one made room.
        Assert.Null(cache.Find(options, repo, RepoType.Dataset, Commit(2)));
        Assert.NotNull(cache.Find(options, repo, RepoType.Dataset, Commit(3)));
    }

    private static string Commit(int i) => i.ToString("x40", System.Globalization.CultureInfo.InvariantCulture);

    private static List<RepoFile> Files(int count) =>
        [.. Enumerable.Range(0, count).Select(i => new RepoFile("f" + i.ToString(System.Globalization.CultureInfo.InvariantCulture), 1, "", null))];

    private static async Task<(RepoId Repo, string Commit)> CommitAsync(HubClientFactory factory)
    {
        var repo = RepoId.Parse(StandardFixtures.ManyFilesRepo);
        var info = await factory.Create().GetRepoInfoAsync(repo, RepoType.Model, "main", TestContext.Current.CancellationToken);
        return (repo, info.Sha!);
    }

    private static HubClientFactory Factory(HubEmulatorHost hub, TimeProvider time) =>
        new(new FixedHubClientOptionsProvider(Options(hub)), time);

    private static HubClientOptions Options(HubEmulatorHost hub) =>
        new() { Endpoint = hub.Endpoint.AbsoluteUri, MaxRetries = 0 };

    private static int TreeRequests(HubEmulatorHost hub) =>
        hub.Requests.Snapshot().Count(r => r.Path.Contains("/tree/", StringComparison.Ordinal));

    private sealed class MutableOptions(HubClientOptions initial) : IHubClientOptionsProvider
    {
        public HubClientOptions Current { get; set; } = initial;
    }
}
