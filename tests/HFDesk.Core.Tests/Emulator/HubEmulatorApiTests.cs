using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using HFDesk.HubEmulator;

namespace HFDesk.Core.Tests.Emulator;

public sealed class HubEmulatorApiTests
{
    [Fact(Timeout = 60_000)]
    public async Task RepoInfo_RevisionHead_MapsToDefaultBranchWithRequiredFields()
    {
        await using var host = await HubEmulatorHost.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        using var client = EmulatorClient.Create(host);
        var repo = host.Repos.Get(StandardFixtures.GgufRepo);

        using var doc = JsonDocument.Parse(await client.GetStringAsync($"api/models/{repo.Id}/revision/HEAD", TestContext.Current.CancellationToken));
        var root = doc.RootElement;

        Assert.Equal(repo.Id, root.GetProperty("id").GetString());
        Assert.Equal(repo.Commit, root.GetProperty("sha").GetString());
        Assert.Matches("^[0-9a-f]{24}$", root.GetProperty("_id").GetString());
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$", root.GetProperty("lastModified").GetString());
        Assert.Equal(repo.Files.Count, root.GetProperty("siblings").GetArrayLength());
    }

    [Fact(Timeout = 60_000)]
    public async Task RepoInfo_Expand_ReturnsOnlyIdAndRequestedFields()
    {
        await using var host = await HubEmulatorHost.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        using var client = EmulatorClient.Create(host);

        using var doc = JsonDocument.Parse(await client.GetStringAsync($"api/models/{StandardFixtures.TransformersRepo}?expand=sha&expand[]=likes", TestContext.Current.CancellationToken));

        var names = doc.RootElement.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(["_id", "id", "likes", "sha"], names);
    }

    [Fact(Timeout = 60_000)]
    public async Task RepoInfo_UnknownExpand_Returns400()
    {
        await using var host = await HubEmulatorHost.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        using var client = EmulatorClient.Create(host);

        using var response = await client.GetAsync($"api/models/{StandardFixtures.TransformersRepo}?expand=nonsense", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact(Timeout = 60_000)]
    public async Task RepoInfo_UnknownRevision_Returns404RevisionNotFound()
    {
        await using var host = await HubEmulatorHost.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        using var client = EmulatorClient.Create(host);

        using var response = await client.GetAsync($"api/models/{StandardFixtures.TransformersRepo}/revision/nope", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("RevisionNotFound", EmulatorClient.Header(response, "X-Error-Code"));
    }

    [Fact(Timeout = 60_000)]
    public async Task Tree_Recursive_PaginatesWithAbsoluteNextLinkCoveringAllEntries()
    {
        await using var host = await HubEmulatorHost.StartAsync(new HubEmulatorOptions { TreePageSize = 40 }, TestContext.Current.CancellationToken);
        using var client = EmulatorClient.Create(host);
        var repo = host.Repos.Get(StandardFixtures.ManyFilesRepo);

        var url = $"api/models/{repo.Id}/tree/main?recursive=true&expand=false";
        var files = new List<string>();
        var directories = new List<string>();
        var pages = 0;
        while (url is not null)
        {
            using var response = await client.GetAsync(url, TestContext.Current.CancellationToken);
            response.EnsureSuccessStatusCode();
            pages++;
            using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
            foreach (var item in doc.RootElement.EnumerateArray())
            {
                (item.GetProperty("type").GetString() == "file" ? files : directories).Add(item.GetProperty("path").GetString()!);
                Assert.True(item.TryGetProperty("oid", out _));
            }

            var link = EmulatorClient.Header(response, "Link");
            url = link is null ? null : Regex.Match(link, "^<(https?://[^>]*)>;\\s+rel=\"next\"$").Groups[1].Value;
            Assert.True(link is null || url!.Length > 0, $"Link header not in the form JS parses: {link}");
        }

        Assert.True(pages >= 4);
        Assert.Equal(repo.Files.Select(f => f.Path).Order(StringComparer.Ordinal), files.Order(StringComparer.Ordinal));
        Assert.Equal(["part-a", "part-b", "part-b/nested"], directories.Order(StringComparer.Ordinal));
    }

    [Theory(Timeout = 60_000)]
    [InlineData("refs/pr/1")]
    [InlineData("refs%2Fpr%2F1")]
    [InlineData("feature/long-context")]
    [InlineData("feature%2Flong-context")]
    public async Task Tree_SlashRevisionRawOrEncoded_ResolvesToThatRef(string revision)
    {
        await using var host = await HubEmulatorHost.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        using var client = EmulatorClient.Create(host);
        var repo = host.Repos.Get(StandardFixtures.RefsRepo);
        var expected = repo.Resolve(Uri.UnescapeDataString(revision))!;

        using var doc = JsonDocument.Parse(await client.GetStringAsync($"api/models/{repo.Id}/tree/{revision}?recursive=true&expand=true", TestContext.Current.CancellationToken));

        var entries = doc.RootElement.EnumerateArray().ToList();
        Assert.Equal(expected.Files.Keys.Order(StringComparer.Ordinal), entries.Select(e => e.GetProperty("path").GetString()).Order(StringComparer.Ordinal));
        Assert.All(entries, e => Assert.Equal(expected.Commit, e.GetProperty("lastCommit").GetProperty("id").GetString()));
        Assert.NotEqual(repo.Commit, expected.Commit);
    }

    [Fact(Timeout = 60_000)]
    public async Task Tree_LfsEntry_HasLfsObjectAndNoXetHash()
    {
        await using var host = await HubEmulatorHost.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        using var client = EmulatorClient.Create(host);
        var repo = host.Repos.Get(StandardFixtures.GgufRepo);
        var file = repo.File(StandardFixtures.GgufRecommendedFile);

        using var doc = JsonDocument.Parse(await client.GetStringAsync($"api/models/{repo.Id}/tree/main", TestContext.Current.CancellationToken));

        var entry = doc.RootElement.EnumerateArray().Single(e => e.GetProperty("path").GetString() == file.Path);
        Assert.Equal(file.Size, entry.GetProperty("size").GetInt64());
        Assert.Equal(file.GitOid, entry.GetProperty("oid").GetString());
        Assert.Equal(file.Sha256, entry.GetProperty("lfs").GetProperty("oid").GetString());
        Assert.Equal(file.PointerSize, entry.GetProperty("lfs").GetProperty("pointerSize").GetInt32());
        Assert.False(entry.TryGetProperty("xetHash", out _));
    }

    [Fact(Timeout = 60_000)]
    public async Task Refs_IncludePrs_ListsAllRefKinds()
    {
        await using var host = await HubEmulatorHost.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        using var client = EmulatorClient.Create(host);

        using var without = JsonDocument.Parse(await client.GetStringAsync($"api/models/{StandardFixtures.RefsRepo}/refs", TestContext.Current.CancellationToken));
        using var with = JsonDocument.Parse(await client.GetStringAsync($"api/models/{StandardFixtures.RefsRepo}/refs?include_prs=1", TestContext.Current.CancellationToken));

        Assert.False(without.RootElement.TryGetProperty("pullRequests", out _));
        Assert.Equal("refs/pr/1", with.RootElement.GetProperty("pullRequests")[0].GetProperty("ref").GetString());
        Assert.Contains(with.RootElement.GetProperty("branches").EnumerateArray(), b => b.GetProperty("name").GetString() == StandardFixtures.RefsSlashBranch);
        Assert.Equal(StandardFixtures.RefsTag, with.RootElement.GetProperty("tags")[0].GetProperty("name").GetString());
    }

    [Fact(Timeout = 60_000)]
    public async Task Search_AuthorFilterSortLimit_ReturnsMatchingReposDescendingWithNextLink()
    {
        await using var host = await HubEmulatorHost.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        using var client = EmulatorClient.Create(host);

        using var response = await client.GetAsync("api/models?limit=2&author=emulator&sort=downloads&filter=transformers", TestContext.Current.CancellationToken);
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));

        var downloads = doc.RootElement.EnumerateArray().Select(e => e.GetProperty("downloads").GetInt64()).ToList();
        Assert.Equal(2, downloads.Count);
        Assert.True(downloads[0] >= downloads[1]);
        Assert.Contains("rel=\"next\"", EmulatorClient.Header(response, "Link"), StringComparison.Ordinal);
        Assert.DoesNotContain(doc.RootElement.EnumerateArray(), e => e.GetProperty("id").GetString() == StandardFixtures.PrivateRepo);
    }

    [Fact(Timeout = 60_000)]
    public async Task UnknownRoute_Returns404Json()
    {
        await using var host = await HubEmulatorHost.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        using var client = EmulatorClient.Create(host);

        using var response = await client.GetAsync("api/agent-harnesses", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.True(doc.RootElement.TryGetProperty("error", out _));
    }
}
