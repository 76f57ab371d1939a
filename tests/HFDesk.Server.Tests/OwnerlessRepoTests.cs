using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using HFDesk.HubEmulator;

namespace HFDesk.Server.Tests;

/// <summary>
/// Repos without an owner (<c>gpt2</c>, <c>datasets/squad</c>, issue 15 item 8): analyze, plan, download into
/// the HF cache (<c>models--gpt2</c>) and localDir (<c>&lt;localDir&gt;/gpt2</c>), list, show and delete.
/// </summary>
public sealed class OwnerlessRepoTests
{
    private const string Repo = StandardFixtures.NoNamespaceRepo;

    [Fact(Timeout = 120_000)]
    public async Task Analyze_RepoWithoutOwner_AnswersThatRepo()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var emulator = await HubEmulatorHost.StartAsync(cancellationToken: ct);
        await using var server = await JobsTestServer.StartAsync(emulator);

        var analysis = await server.GetJsonAsync($"/api/analyze/{Repo}");

        Assert.Equal(Repo, analysis.GetProperty("repo").GetString());
        Assert.Contains(
            "model.safetensors",
            analysis.GetProperty("files").EnumerateArray().Select(f => f.GetProperty("path").GetString()));
    }

    // "." and ".." never reach a route: the client and Kestrel resolve dot segments first. Names that merely
    // start with a dot or hold ".." must still be refused, or they would become hidden or parent folders.
    [Theory(Timeout = 120_000)]
    [InlineData(".hidden")]
    [InlineData("a..b")]
    [InlineData("-x")]
    [InlineData("a--b")]
    public async Task AnalyzeAndCache_BadSingleSegment_400(string segment)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var emulator = await HubEmulatorHost.StartAsync(cancellationToken: ct);
        await using var server = await JobsTestServer.StartAsync(emulator);

        using var analyze = await server.Client.GetAsync(new Uri($"/api/analyze/{segment}", UriKind.Relative), ct);
        using var show = await server.Client.GetAsync(new Uri($"/api/cache/{segment}", UriKind.Relative), ct);
        using var delete = await server.Client.DeleteAsync(new Uri($"/api/cache/{segment}", UriKind.Relative), ct);

        await RunningServer.AssertEnvelopeAsync(analyze, 400, "bad_request");
        await RunningServer.AssertEnvelopeAsync(show, 400, "bad_request");
        await RunningServer.AssertEnvelopeAsync(delete, 400, "bad_request");
    }

    [Fact(Timeout = 120_000)]
    public async Task Download_RepoWithoutOwner_HfCacheFolderIsModelsDashDashNameAndCacheRoutesFindIt()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var emulator = await HubEmulatorHost.StartAsync(cancellationToken: ct);
        await using var server = await JobsTestServer.StartAsync(emulator);

        using (var plan = await server.PostJsonAsync("/api/plan", new { repo = Repo }))
        {
            Assert.Equal(HttpStatusCode.OK, plan.StatusCode);
        }

        var id = await server.StartDownloadAsync(new { repo = Repo });
        var job = await server.WaitForStatusAsync(id, "completed");

        Assert.Equal(Repo, job.GetProperty("repo").GetString());
        var entry = Path.Combine(server.HubDir, $"models--{Repo}");
        Assert.Contains("config.json", JobsTestServer.FilesUnder(Path.Combine(entry, "snapshots")).Select(Path.GetFileName));
        Assert.Contains("model.safetensors", JobsTestServer.FilesUnder(Path.Combine(server.CacheDir, "models", Repo)));

        var list = await server.GetJsonAsync("/api/cache");
        var listed = Assert.Single(list.GetProperty("repos").EnumerateArray(), r => r.GetProperty("repo").GetString() == Repo);
        Assert.Equal("", listed.GetProperty("owner").GetString());
        Assert.Equal("complete", listed.GetProperty("downloadStatus").GetString());
        var detail = await server.GetJsonAsync($"/api/cache/{Repo}");
        Assert.Equal(entry, detail.GetProperty("path").GetString());

        using var deleted = await server.Client.DeleteAsync(new Uri($"/api/cache/{Repo}?source=HF%20cache", UriKind.Relative), ct);
        Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        Assert.False(Directory.Exists(entry));
        Assert.False(Directory.Exists(Path.Combine(server.CacheDir, "models", Repo)));
        Assert.True(Directory.Exists(server.HubDir), "the hub folder itself is never removed");
    }

    [Fact(Timeout = 120_000)]
    public async Task Download_DatasetWithoutOwnerIntoLocalDir_RealFilesUnderLocalDirSlashName()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var emulator = await HubEmulatorHost.StartAsync(cancellationToken: ct);
        var fixture = emulator.Repos.Add(RepoFixture.Dataset("squad-mini").WithFile("data/train.csv", "q,a\n1,2\n").WithFile("README.md", "# squad mini\n"));
        await using var server = await JobsTestServer.StartAsync(emulator, allowRequestLocalDir: true);

        var id = await server.StartDownloadAsync(new { repo = "squad-mini", dataset = true });
        await server.WaitForStatusAsync(id, "completed");

        var folder = Path.Combine(server.LocalRoot, "squad-mini");
        Assert.Equal(
            fixture.File("data/train.csv").ReadAllBytes(),
            await File.ReadAllBytesAsync(Path.Combine(folder, "data", "train.csv"), ct));
        var list = await server.GetJsonAsync("/api/cache?type=dataset");
        var listed = Assert.Single(list.GetProperty("repos").EnumerateArray());
        Assert.Equal("squad-mini|dataset|Local|complete", $"{listed.GetProperty("repo")}|{listed.GetProperty("type")}|{listed.GetProperty("source")}|{listed.GetProperty("downloadStatus")}");
        Assert.DoesNotContain(
            list.GetProperty("repos").EnumerateArray(),
            r => r.GetProperty("repo").GetString()!.StartsWith("squad-mini/", StringComparison.Ordinal));

        using var deleted = await server.Client.DeleteAsync(new Uri("/api/cache/squad-mini?type=dataset&source=Local", UriKind.Relative), ct);
        var body = await deleted.Content.ReadFromJsonAsync<JsonElement>(ct);
        Assert.True(deleted.StatusCode == HttpStatusCode.OK, body.ToString());
        Assert.False(Directory.Exists(folder));
        Assert.True(Directory.Exists(server.LocalRoot), "localDir itself is never removed");
    }
}
