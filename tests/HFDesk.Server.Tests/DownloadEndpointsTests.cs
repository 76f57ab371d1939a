using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using HFDesk.HubEmulator;

namespace HFDesk.Server.Tests;

public sealed class DownloadEndpointsTests
{
    [Theory(Timeout = 120_000)]
    [InlineData("{\"repo\":\"not a repo\"}")]
    [InlineData("{\"repo\":\"..\"}")]
    [InlineData("{\"repo\":\"a--b/c\"}")]
    [InlineData("{\"repo\":\"emulator/tiny-transformers:\"}")]
    [InlineData("{\"repo\":\"emulator/tiny-transformers\",\"revision\":\"refs/heads/x\"}")]
    [InlineData("{\"repo\":\"emulator/tiny-transformers\",\"revision\":\"../../etc\"}")]
    [InlineData("{\"repo\":\"emulator/tiny-transformers\",\"revision\":\"refs/pr/x\"}")]
    [InlineData("{\"repo\":\"emulator/tiny-transformers\",\"localDir\":\"/tmp\"}")]
    [InlineData("{}")]
    public async Task Download_InvalidRequest_400AndNoJob(string body)
    {
        await using var emulator = await HubEmulatorHost.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        await using var server = await JobsTestServer.StartAsync(emulator);

        using var response = await server.Client.PostAsync(
            new Uri("/api/download", UriKind.Relative),
            new StringContent(body, System.Text.Encoding.UTF8, "application/json"),
            TestContext.Current.CancellationToken);

        await RunningServer.AssertEnvelopeAsync(response, 400, "bad_request");
        Assert.Equal(0, (await server.GetJsonAsync("/api/jobs")).GetProperty("count").GetInt32());
    }

    // Regression (issue 12 item 7): a missing repo or revision answered 202 and made a job that failed later.
    [Theory(Timeout = 120_000)]
    [InlineData("{\"repo\":\"emulator/does-not-exist\"}")]
    [InlineData("{\"repo\":\"emulator/tiny-transformers\",\"revision\":\"no-such-branch\"}")]
    public async Task Download_MissingRepoOrRevision_404AndNoJob(string body)
    {
        await using var emulator = await HubEmulatorHost.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        await using var server = await JobsTestServer.StartAsync(emulator);

        using var response = await server.Client.PostAsync(
            new Uri("/api/download", UriKind.Relative),
            new StringContent(body, System.Text.Encoding.UTF8, "application/json"),
            TestContext.Current.CancellationToken);

        await RunningServer.AssertEnvelopeAsync(response, 404, "not_found");
        Assert.Equal(0, (await server.GetJsonAsync("/api/jobs")).GetProperty("count").GetInt32());
    }

    [Fact(Timeout = 120_000)]
    public async Task AnalyzePlanDownload_OneChoice_ListsTheRepoOnce()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var emulator = await HubEmulatorHost.StartAsync(new HubEmulatorOptions { TreePageSize = 50 }, ct);
        await using var server = await JobsTestServer.StartAsync(emulator);
        var choice = new { repo = StandardFixtures.ManyFilesRepo, filters = new[] { "README" } };

        // What the UI does: open the repo, look at the plan, download. The commit's listing (three pages) is read once.
        Assert.Equal(JsonValueKind.Object, (await server.GetJsonAsync($"/api/analyze/{StandardFixtures.ManyFilesRepo}")).ValueKind);
        var pages = TreeRequests(emulator);
        using (var plan = await server.PostJsonAsync("/api/plan", choice))
        {
            Assert.Equal(HttpStatusCode.OK, plan.StatusCode);
        }

        var id = await server.StartDownloadAsync(choice);
        await server.WaitForStatusAsync(id, "completed");

        Assert.Equal(3, pages);
        Assert.Equal(pages, TreeRequests(emulator));
        Assert.True(File.Exists(Path.Combine(server.HubDir, "models--emulator--many-files", "snapshots",
            emulator.Repos.Get(StandardFixtures.ManyFilesRepo).Commit, "README.md")));
    }

    private static int TreeRequests(HubEmulatorHost emulator) =>
        emulator.Requests.Snapshot().Count(r => r.Path.Contains("/tree/", StringComparison.Ordinal));

    [Fact(Timeout = 120_000)]
    public async Task Download_HubAnswering503_StillQueuesTheJob()
    {
        await using var emulator = await HubEmulatorHost.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        await using var server = await JobsTestServer.StartAsync(emulator);
        var outage = emulator.Faults.ServerError(times: 1, scope: FaultScope.Path($"/api/models/{StandardFixtures.TransformersRepo}"));

        var id = await server.StartDownloadAsync(new { repo = StandardFixtures.TransformersRepo });
        var job = await server.WaitForStatusAsync(id, "completed");

        Assert.True(outage.Hits >= 1);
        Assert.Equal("completed", job.GetProperty("status").GetString());
    }

    [Fact(Timeout = 120_000)]
    public async Task Download_RequestLocalDirOutsideAllowedRoots_400EvenWhenAllowed()
    {
        await using var emulator = await HubEmulatorHost.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        await using var server = await JobsTestServer.StartAsync(emulator, allowRequestLocalDir: true);
        var outside = Path.Combine(server.Root, "elsewhere");
        Directory.CreateDirectory(outside);

        using var escaped = await server.PostJsonAsync("/api/download", new { repo = StandardFixtures.TransformersRepo, localDir = outside });
        using var traversal = await server.PostJsonAsync(
            "/api/download", new { repo = StandardFixtures.TransformersRepo, localDir = Path.Combine(server.LocalRoot, "..", "elsewhere") });

        await RunningServer.AssertEnvelopeAsync(escaped, 400, "bad_request");
        await RunningServer.AssertEnvelopeAsync(traversal, 400, "bad_request");
        Assert.Equal(0, (await server.GetJsonAsync("/api/jobs")).GetProperty("count").GetInt32());
    }

    [Fact(Timeout = 120_000)]
    public async Task Download_RequestLocalDirInsideAllowedRoot_WritesRealFilesThere()
    {
        await using var emulator = await HubEmulatorHost.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        await using var server = await JobsTestServer.StartAsync(emulator, allowRequestLocalDir: true);
        var target = Path.Combine(server.LocalRoot, "models");
        Directory.CreateDirectory(target);

        var id = await server.StartDownloadAsync(new { repo = StandardFixtures.TransformersRepo + ":config.json", localDir = target });
        var job = await server.WaitForStatusAsync(id, "completed");

        Assert.True(job.GetProperty("flat").GetBoolean());
        var config = Path.Combine(target, "emulator", "tiny-transformers", "config.json");
        Assert.Equal(
            emulator.Repos.Get(StandardFixtures.TransformersRepo).File("config.json").ReadAllBytes(),
            await File.ReadAllBytesAsync(config, TestContext.Current.CancellationToken));
    }

    [Fact(Timeout = 120_000)]
    public async Task Download_SameRequestWhileActive_202Then200WithExistingJob()
    {
        await using var emulator = await HubEmulatorHost.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        JobsTestServer.AddSlowRepo(emulator, "emulator/slow-dedup");
        emulator.Faults.BandwidthCap(256 * 1024, FaultScope.Cdn);
        await using var server = await JobsTestServer.StartAsync(emulator);

        using var first = await server.PostJsonAsync("/api/download", new { repo = "emulator/slow-dedup", filters = new[] { "large", "bin" } });
        using var second = await server.PostJsonAsync("/api/download", new { repo = "emulator/slow-dedup:BIN", filters = new[] { "LARGE" }, revision = "main" });
        using var different = await server.PostJsonAsync("/api/download", new { repo = "emulator/slow-dedup", filters = new[] { "large" }, exactMatch = true });

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        var job = await first.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.EndsWith($"/api/jobs/{job.GetProperty("id").GetString()}", first.Headers.Location?.ToString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        var duplicate = await second.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.Equal("Download already in progress", duplicate.GetProperty("message").GetString());
        Assert.Equal(job.GetProperty("id").GetString(), duplicate.GetProperty("job").GetProperty("id").GetString());
        Assert.Equal(HttpStatusCode.Accepted, different.StatusCode);
        Assert.Equal(2, (await server.GetJsonAsync("/api/jobs")).GetProperty("count").GetInt32());

        // Job object shape (api.md): every documented field is there.
        foreach (var field in new[] { "id", "repo", "revision", "commit", "isDataset", "filters", "excludes", "exactMatch", "status",
                     "phase", "outputDir", "hubDir", "flat", "progress", "files", "error", "createdAt", "startedAt", "endedAt" })
        {
            Assert.True(job.TryGetProperty(field, out _), $"job object lacks '{field}'");
        }

        Assert.Equal("emulator/slow-dedup", job.GetProperty("repo").GetString());
        Assert.Equal("main", job.GetProperty("revision").GetString());
        Assert.False(job.GetProperty("flat").GetBoolean());
        Assert.Equal(server.CacheDir, job.GetProperty("outputDir").GetString());
        Assert.Equal(server.HubDir, job.GetProperty("hubDir").GetString());
        foreach (var field in new[] { "totalFiles", "completedFiles", "totalBytes", "downloadedBytes", "bytesPerSecond", "etaSeconds", "activity" })
        {
            Assert.True(job.GetProperty("progress").TryGetProperty(field, out _), $"progress lacks '{field}'");
        }
    }
}
