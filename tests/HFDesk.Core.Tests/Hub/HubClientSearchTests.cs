using HFDesk.Core.Hub;
using HFDesk.HubEmulator;

namespace HFDesk.Core.Tests.Hub;

public sealed class HubClientSearchTests
{
    [Fact(Timeout = 60_000)]
    public async Task Search_Text_FindsMatchingModelsWithExpandedFields()
    {
        await using var hub = await EmulatedHub.StartAsync();

        var items = await hub.CreateClient().SearchAsync(new HubSearchQuery { Search = "Tiny-Llama" }, TestContext.Current.CancellationToken);

        var item = Assert.Single(items);
        Assert.Equal(StandardFixtures.GgufRepo, item.Id);
        Assert.Equal(StandardFixtures.Owner, item.Author);
        Assert.Equal(125_000, item.Downloads);
        Assert.Equal("text-generation", item.PipelineTag);
        Assert.NotNull(item.LastModified);
        Assert.Equal(RepoType.Model, item.Type);
    }

    [Fact(Timeout = 60_000)]
    public async Task Search_FilterAuthorSortLimit_AreSentAndApplied()
    {
        await using var hub = await EmulatedHub.StartAsync();

        var items = await hub.CreateClient().SearchAsync(
            new HubSearchQuery { Author = StandardFixtures.Owner, Filters = ["transformers"], Sort = HubSearchSort.Likes, Limit = 2 },
            TestContext.Current.CancellationToken);

        Assert.Equal(2, items.Count);
        Assert.All(items, i => Assert.Contains("transformers", i.Tags));
        Assert.True(items[0].Likes >= items[1].Likes);
        var query = hub.Emulator.Requests.Snapshot().Single(r => r.Path == "/api/models").Query;
        Assert.Contains("sort=likes", query, StringComparison.Ordinal);
        Assert.Contains("filter=transformers", query, StringComparison.Ordinal);
        Assert.Contains("author=emulator", query, StringComparison.Ordinal);
    }

    [Fact(Timeout = 60_000)]
    public async Task Search_Datasets_UsesDatasetListingAndValidExpandKeys()
    {
        await using var hub = await EmulatedHub.StartAsync();

        var items = await hub.CreateClient().SearchAsync(new HubSearchQuery { Type = RepoType.Dataset, Search = "parquet" }, TestContext.Current.CancellationToken);

        var item = Assert.Single(items);
        Assert.Equal(StandardFixtures.ParquetDataset, item.Id);
        Assert.Equal(RepoType.Dataset, item.Type);
    }

    [Fact(Timeout = 60_000)]
    public async Task RepoSearch_PastedDatasetUrl_ReturnsThatDataset()
    {
        await using var hub = await EmulatedHub.StartAsync();
        var search = new RepoSearch(hub.CreateClient());

        var items = await search.FindAsync(new HubSearchQuery { Search = $"https://huggingface.co/datasets/{StandardFixtures.ParquetDataset}/tree/main" }, TestContext.Current.CancellationToken);

        var item = Assert.Single(items);
        Assert.Equal(StandardFixtures.ParquetDataset, item.Id);
        Assert.Equal(RepoType.Dataset, item.Type);
    }

    [Fact(Timeout = 60_000)]
    public async Task RepoSearch_OwnerNameOfMissingRepo_FallsBackToTextSearch()
    {
        await using var hub = await EmulatedHub.StartAsync();
        var search = new RepoSearch(hub.CreateClient());

        var items = await search.FindAsync(new HubSearchQuery { Search = "emulator/tiny" }, TestContext.Current.CancellationToken);

        Assert.DoesNotContain(items, i => i.Id == "emulator/tiny");
        Assert.Contains(hub.Emulator.Requests.Snapshot(), r => r.Path == "/api/models" && r.Query.Contains("search=emulator%2Ftiny", StringComparison.Ordinal));
    }

    [Fact(Timeout = 60_000)]
    public async Task RepoSearch_PastedUrlOfMissingRepo_Throws()
    {
        await using var hub = await EmulatedHub.StartAsync();
        var search = new RepoSearch(hub.CreateClient(HubEmulatorTokens.Valid));

        var error = await Assert.ThrowsAsync<HubException>(() => search.FindAsync(new HubSearchQuery { Search = "https://huggingface.co/emulator/nope" }, TestContext.Current.CancellationToken));

        Assert.Equal(HubErrorKind.NotFound, error.Kind);
    }
}
