using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using HFDesk.HubEmulator;

namespace HFDesk.Server.Tests.HubEndpoint;

/// <summary>
/// The Hub emulator's fidelity checks, each run against both servers: the emulator (what HFDesk's /hub must imitate)
/// and HFDesk's /hub answering from a cache HFDesk downloaded from that emulator. Same URL, same assertions.
/// </summary>
public sealed class HubFidelityTests(HubEndpointFixture fixture) : IClassFixture<HubEndpointFixture>
{
    public static TheoryData<string> Servers => ["emulator", "hfdesk"];

    [Theory(Timeout = 60_000)]
    [MemberData(nameof(Servers))]
    public async Task RepoInfo_RevisionHead_MapsToDefaultBranchWithRequiredFields(string server)
    {
        using var client = Client(server);
        var repo = fixture.Emulator.Repos.Get(StandardFixtures.GgufRepo);

        using var doc = JsonDocument.Parse(await client.GetStringAsync($"api/models/{repo.Id}/revision/HEAD", TestContext.Current.CancellationToken));
        var root = doc.RootElement;

        Assert.Equal(repo.Id, root.GetProperty("id").GetString());
        Assert.Equal(repo.Commit, root.GetProperty("sha").GetString());
        Assert.Matches("^[0-9a-f]{24}$", root.GetProperty("_id").GetString());
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$", root.GetProperty("lastModified").GetString());
        Assert.Equal(repo.Files.Count, root.GetProperty("siblings").GetArrayLength());
    }

    [Theory(Timeout = 60_000)]
    [MemberData(nameof(Servers))]
    public async Task RepoInfo_NoRevision_IsTheDefaultBranch(string server)
    {
        using var client = Client(server);
        var repo = fixture.Emulator.Repos.Get(StandardFixtures.TransformersRepo);

        using var doc = JsonDocument.Parse(await client.GetStringAsync($"api/models/{repo.Id}", TestContext.Current.CancellationToken));

        Assert.Equal(repo.Commit, doc.RootElement.GetProperty("sha").GetString());
        Assert.Equal(repo.Id, doc.RootElement.GetProperty("modelId").GetString());
    }

    [Theory(Timeout = 60_000)]
    [MemberData(nameof(Servers))]
    public async Task RepoInfo_Expand_ReturnsOnlyIdAndRequestedFields(string server)
    {
        using var client = Client(server);

        using var doc = JsonDocument.Parse(await client.GetStringAsync($"api/models/{StandardFixtures.TransformersRepo}?expand=sha&expand[]=likes", TestContext.Current.CancellationToken));

        var names = doc.RootElement.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(["_id", "id", "likes", "sha"], names);
    }

    [Theory(Timeout = 60_000)]
    [MemberData(nameof(Servers))]
    public async Task RepoInfo_UnknownExpand_Returns400(string server)
    {
        using var client = Client(server);

        using var response = await client.GetAsync($"api/models/{StandardFixtures.TransformersRepo}?expand=nonsense", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Theory(Timeout = 60_000)]
    [MemberData(nameof(Servers))]
    public async Task RepoInfo_UnknownRevision_Returns404RevisionNotFound(string server)
    {
        using var client = Client(server);

        using var response = await client.GetAsync($"api/models/{StandardFixtures.TransformersRepo}/revision/nope", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("RevisionNotFound", Header(response, "X-Error-Code"));
    }

    [Theory(Timeout = 60_000)]
    [MemberData(nameof(Servers))]
    public async Task RepoInfo_UnknownRepo_Returns404RepoNotFound(string server)
    {
        using var client = Client(server);

        using var response = await client.GetAsync("api/models/emulator/no-such-repo", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("RepoNotFound", Header(response, "X-Error-Code"));
        Assert.Contains("\"error\"", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Theory(Timeout = 60_000)]
    [MemberData(nameof(Servers))]
    public async Task Tree_Recursive_PaginatesWithAbsoluteNextLinkCoveringAllEntries(string server)
    {
        using var client = Client(server);
        var repo = fixture.Emulator.Repos.Get(StandardFixtures.ManyFilesRepo);

        var paths = new List<string>();
        var pages = 0;
        var url = $"api/models/{repo.Id}/tree/{repo.Commit}?recursive=true&expand=false";
        while (url is not null && pages < 20)
        {
            using var response = await client.GetAsync(new Uri(url, UriKind.RelativeOrAbsolute), TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
            paths.AddRange(doc.RootElement.EnumerateArray().Where(e => e.GetProperty("type").GetString() == "file").Select(e => e.GetProperty("path").GetString()!));
            pages++;
            url = null;
            if (Header(response, "Link") is { } link)
            {
                // JS parses /<(https?:[/][/][^>]*)>;\s+rel="([^"]*)"/.
                var match = Regex.Match(link, "<(https?://[^>]*)>;\\s+rel=\"next\"");
                Assert.True(match.Success, link);
                url = match.Groups[1].Value;
            }
        }

        Assert.True(pages > 1, $"{pages} page(s)");
        Assert.Equal(repo.Files.Select(f => f.Path).Order(StringComparer.Ordinal), paths.Order(StringComparer.Ordinal));
    }

    [Theory(Timeout = 60_000)]
    [InlineData("emulator", "refs/pr/1")]
    [InlineData("emulator", "refs%2Fpr%2F1")]
    [InlineData("hfdesk", "refs/pr/1")]
    [InlineData("hfdesk", "refs%2Fpr%2F1")]
    public async Task Tree_SlashRevisionRawOrEncoded_ResolvesToThatRef(string server, string revision)
    {
        using var client = Client(server);
        var repo = fixture.Emulator.Repos.Get(StandardFixtures.RefsRepo);
        var expected = repo.Resolve(Uri.UnescapeDataString(revision))!;

        using var doc = JsonDocument.Parse(await client.GetStringAsync($"api/models/{repo.Id}/tree/{revision}?recursive=true&expand=true", TestContext.Current.CancellationToken));

        var entries = doc.RootElement.EnumerateArray().Where(e => e.GetProperty("type").GetString() == "file").ToList();
        Assert.Equal(expected.Files.Keys.Order(StringComparer.Ordinal), entries.Select(e => e.GetProperty("path").GetString()).Order(StringComparer.Ordinal));
        Assert.All(entries, e => Assert.Equal(expected.Commit, e.GetProperty("lastCommit").GetProperty("id").GetString()));
        Assert.NotEqual(repo.Commit, expected.Commit);
    }

    [Theory(Timeout = 60_000)]
    [MemberData(nameof(Servers))]
    public async Task Tree_Entries_CarryTheHubsOidsSizesAndLfsAndNoXetHash(string server)
    {
        using var client = Client(server);
        var repo = fixture.Emulator.Repos.Get(StandardFixtures.GgufRepo);

        using var doc = JsonDocument.Parse(await client.GetStringAsync($"api/models/{repo.Id}/tree/main?recursive=true", TestContext.Current.CancellationToken));

        var entries = doc.RootElement.EnumerateArray().Where(e => e.GetProperty("type").GetString() == "file").ToDictionary(e => e.GetProperty("path").GetString()!);
        Assert.Equal(repo.Files.Count, entries.Count);
        foreach (var file in repo.Files)
        {
            var entry = entries[file.Path];
            Assert.Equal(file.Size, entry.GetProperty("size").GetInt64());
            Assert.Equal(file.GitOid, entry.GetProperty("oid").GetString());
            Assert.False(entry.TryGetProperty("xetHash", out _));
            Assert.Equal(file.IsLfs, entry.TryGetProperty("lfs", out var lfs));
            if (file.IsLfs)
            {
                Assert.Equal(file.Sha256, lfs.GetProperty("oid").GetString());
                Assert.Equal(file.PointerSize, lfs.GetProperty("pointerSize").GetInt32());
            }
        }
    }

    [Theory(Timeout = 60_000)]
    [MemberData(nameof(Servers))]
    public async Task Tree_MissingFolder_Returns404EntryNotFound(string server)
    {
        using var client = Client(server);

        using var response = await client.GetAsync($"api/models/{StandardFixtures.TransformersRepo}/tree/main/no-such-dir", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("EntryNotFound", Header(response, "X-Error-Code"));
    }

    [Theory(Timeout = 60_000)]
    [MemberData(nameof(Servers))]
    public async Task Refs_ListsMainAndPullRequestWithTargetCommits(string server)
    {
        using var client = Client(server);
        var repo = fixture.Emulator.Repos.Get(StandardFixtures.RefsRepo);

        using var without = JsonDocument.Parse(await client.GetStringAsync($"api/models/{repo.Id}/refs", TestContext.Current.CancellationToken));
        using var with = JsonDocument.Parse(await client.GetStringAsync($"api/models/{repo.Id}/refs?include_prs=1", TestContext.Current.CancellationToken));

        Assert.False(without.RootElement.TryGetProperty("pullRequests", out _));
        Assert.True(without.RootElement.TryGetProperty("converts", out _));
        Assert.True(without.RootElement.TryGetProperty("tags", out _));
        var main = with.RootElement.GetProperty("branches").EnumerateArray().Single(b => b.GetProperty("name").GetString() == "main");
        Assert.Equal("refs/heads/main", main.GetProperty("ref").GetString());
        Assert.Equal(repo.Commit, main.GetProperty("targetCommit").GetString());
        var pr = with.RootElement.GetProperty("pullRequests").EnumerateArray().Single();
        Assert.Equal("refs/pr/1", pr.GetProperty("ref").GetString());
        Assert.Equal(repo.Resolve("refs/pr/1")!.Commit, pr.GetProperty("targetCommit").GetString());
    }

    [Theory(Timeout = 60_000)]
    [MemberData(nameof(Servers))]
    public async Task PathsInfo_JsonAndFormBodies_ReturnOneEntryPerExistingPath(string server)
    {
        using var client = Client(server);
        var repo = fixture.Emulator.Repos.Get(StandardFixtures.TransformersRepo);
        var url = $"api/models/{repo.Id}/paths-info/{repo.Commit}";

        using var json = await client.PostAsync(url, new StringContent("{\"paths\":[\"config.json\",\"nope.txt\"],\"expand\":true}", Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);
        using var form = await client.PostAsync(url, new FormUrlEncodedContent([new("paths", "config.json"), new("paths", "tokenizer_config.json"), new("expand", "false")]), TestContext.Current.CancellationToken);

        using var jsonDoc = JsonDocument.Parse(await json.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        var entry = Assert.Single(jsonDoc.RootElement.EnumerateArray());
        Assert.Equal(repo.File("config.json").GitOid, entry.GetProperty("oid").GetString());
        Assert.Equal(repo.Commit, entry.GetProperty("lastCommit").GetProperty("id").GetString());
        using var formDoc = JsonDocument.Parse(await form.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal(2, formDoc.RootElement.GetArrayLength());
    }

    [Theory(Timeout = 60_000)]
    [MemberData(nameof(Servers))]
    public async Task Resolve_RegularFile_ServesBytesWithQuotedGitEtagAndCommit(string server)
    {
        using var client = Client(server);
        var repo = fixture.Emulator.Repos.Get(StandardFixtures.TransformersRepo);
        var file = repo.File("config.json");

        using var response = await client.GetAsync($"{repo.Id}/resolve/main/{file.Path}", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(file.ReadAllBytes(), await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken));
        Assert.Equal($"\"{file.GitOid}\"", response.Headers.ETag!.Tag);
        Assert.Equal(repo.Commit, Header(response, "X-Repo-Commit"));
    }

    [Theory(Timeout = 60_000)]
    [MemberData(nameof(Servers))]
    public async Task Resolve_HeadRegularFile_SendsSizeAndMetadataWithoutBody(string server)
    {
        using var client = Client(server);
        var repo = fixture.Emulator.Repos.Get(StandardFixtures.TransformersRepo);
        var file = repo.File("tokenizer_config.json");

        using var response = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, $"{repo.Id}/resolve/main/{file.Path}"), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(file.Size, response.Content.Headers.ContentLength);
        Assert.Equal($"\"{file.GitOid}\"", response.Headers.ETag!.Tag);
        Assert.Equal(repo.Commit, Header(response, "X-Repo-Commit"));
        Assert.Equal("bytes", Header(response, "Accept-Ranges"));
    }

    [Theory(Timeout = 60_000)]
    [MemberData(nameof(Servers))]
    public async Task Resolve_HeadLfsFile_SendsLinkedEtagSizeAndCommitWithoutXet(string server)
    {
        using var client = Client(server);
        var repo = fixture.Emulator.Repos.Get(StandardFixtures.GgufRepo);
        var file = repo.File(StandardFixtures.GgufRecommendedFile);

        using var response = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, $"{repo.Id}/resolve/main/{file.Path}"), TestContext.Current.CancellationToken);

        Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.Found, response.StatusCode.ToString());
        Assert.Equal($"\"{file.Sha256}\"", Header(response, "X-Linked-Etag"));
        Assert.Equal(file.Size.ToString(CultureInfo.InvariantCulture), Header(response, "X-Linked-Size"));
        Assert.Equal(repo.Commit, Header(response, "X-Repo-Commit"));
        Assert.Null(Header(response, "X-Xet-Hash"));
        Assert.DoesNotContain("xet", Header(response, "Link") ?? "", StringComparison.OrdinalIgnoreCase);
    }

    [Theory(Timeout = 60_000)]
    [MemberData(nameof(Servers))]
    public async Task Resolve_RangeProbe_Answers206WithContentRangeTotalAndSha256Bytes(string server)
    {
        using var client = Client(server, followRedirects: true);
        var repo = fixture.Emulator.Repos.Get(StandardFixtures.GgufRepo);
        var file = repo.File(StandardFixtures.GgufRecommendedFile);
        var url = $"{repo.Id}/resolve/main/{file.Path}";

        using var probe = new HttpRequestMessage(HttpMethod.Get, url);
        probe.Headers.Range = new RangeHeaderValue(0, 0);
        using var probed = await client.SendAsync(probe, TestContext.Current.CancellationToken);
        using var tail = new HttpRequestMessage(HttpMethod.Get, url);
        tail.Headers.Range = new RangeHeaderValue(null, 10);
        using var tailed = await client.SendAsync(tail, TestContext.Current.CancellationToken);
        var whole = await client.GetByteArrayAsync(url, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.PartialContent, probed.StatusCode);
        Assert.Equal($"bytes 0-0/{file.Size}", Header(probed, "Content-Range"));
        Assert.Equal(HttpStatusCode.PartialContent, tailed.StatusCode);
        Assert.Equal(whole[^10..], await tailed.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken));
        Assert.Equal(file.Sha256, Convert.ToHexStringLower(SHA256.HashData(whole)));
    }

    [Theory(Timeout = 60_000)]
    [MemberData(nameof(Servers))]
    public async Task Resolve_RangePastEnd_Returns416WithTotal(string server)
    {
        using var client = Client(server);
        var repo = fixture.Emulator.Repos.Get(StandardFixtures.TransformersRepo);
        var file = repo.File("config.json");
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{repo.Id}/resolve/main/{file.Path}");
        request.Headers.Range = new RangeHeaderValue(file.Size + 10, null);

        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.RequestedRangeNotSatisfiable, response.StatusCode);
        Assert.Equal($"bytes */{file.Size}", Header(response, "Content-Range"));
    }

    [Theory(Timeout = 60_000)]
    [MemberData(nameof(Servers))]
    public async Task Resolve_MissingFile_Returns404EntryNotFoundWithCommit(string server)
    {
        using var client = Client(server);
        var repo = fixture.Emulator.Repos.Get(StandardFixtures.TransformersRepo);

        using var response = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, $"{repo.Id}/resolve/main/nope.json"), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("EntryNotFound", Header(response, "X-Error-Code"));
        Assert.Equal(repo.Commit, Header(response, "X-Repo-Commit"));
    }

    [Theory(Timeout = 60_000)]
    [MemberData(nameof(Servers))]
    public async Task Resolve_UnknownRevision_Returns404RevisionNotFound(string server)
    {
        using var client = Client(server);

        using var response = await client.GetAsync($"{StandardFixtures.TransformersRepo}/resolve/no-such-branch/config.json", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("RevisionNotFound", Header(response, "X-Error-Code"));
    }

    [Theory(Timeout = 60_000)]
    [MemberData(nameof(Servers))]
    public async Task Resolve_EncodedPrRevision_ServesThatRevisionsContent(string server)
    {
        using var client = Client(server);
        var repo = fixture.Emulator.Repos.Get(StandardFixtures.RefsRepo);

        using var response = await client.GetAsync($"{repo.Id}/resolve/refs%2Fpr%2F1/README.md", TestContext.Current.CancellationToken);

        Assert.Equal("# refs, pull request 1\n", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal(repo.Resolve("refs/pr/1")!.Commit, Header(response, "X-Repo-Commit"));
    }

    [Theory(Timeout = 60_000)]
    [MemberData(nameof(Servers))]
    public async Task Resolve_DatasetFile_ServesItsBytes(string server)
    {
        using var client = Client(server, followRedirects: true);
        var repo = fixture.Emulator.Repos.Get(RepoKind.Dataset, StandardFixtures.ParquetDataset);
        var file = repo.Files.First();

        var bytes = await client.GetByteArrayAsync($"datasets/{repo.Id}/resolve/main/{file.Path}", TestContext.Current.CancellationToken);

        Assert.Equal(file.Sha256, Convert.ToHexStringLower(SHA256.HashData(bytes)));
    }

    internal static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(",", values)
        : response.Content.Headers.TryGetValues(name, out var contentValues) ? string.Join(",", contentValues)
        : null;

    private HttpClient Client(string server, bool followRedirects = false) =>
        server == "emulator" ? fixture.EmulatorClient(followRedirects) : fixture.HubClient(followRedirects: followRedirects);
}
