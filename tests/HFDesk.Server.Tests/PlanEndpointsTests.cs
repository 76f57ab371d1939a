using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using HFDesk.HubEmulator;

namespace HFDesk.Server.Tests;

public sealed class PlanEndpointsTests
{
    [Fact(Timeout = 120_000)]
    public async Task Plan_FilteredGguf_ListsFilesAndBytesWithoutCreatingAJob_ThenPresentAfterDownload()
    {
        await using var emulator = await HubEmulatorHost.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        await using var server = await JobsTestServer.StartAsync(emulator);
        var fixture = emulator.Repos.Get(StandardFixtures.GgufRepo);
        var body = new { repo = StandardFixtures.GgufRepo, filters = new[] { "q4_k_m" }, exactMatch = true };

        using var response = await server.PostJsonAsync("/api/plan", body);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var plan = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        var files = plan.GetProperty("files").EnumerateArray().ToList();
        var gguf = Assert.Single(files, f => f.GetProperty("path").GetString() == StandardFixtures.GgufRecommendedFile);
        var fixtureFile = fixture.File(StandardFixtures.GgufRecommendedFile);
        Assert.Equal(fixtureFile.Size, gguf.GetProperty("size").GetInt64());
        Assert.Equal(fixtureFile.Sha256, gguf.GetProperty("sha256").GetString());
        Assert.True(gguf.GetProperty("lfs").GetBoolean());
        Assert.All(files, f => Assert.False(f.GetProperty("present").GetBoolean()));
        Assert.Equal(fixture.Commit, plan.GetProperty("commit").GetString());
        Assert.Equal(files.Count, plan.GetProperty("totalFiles").GetInt32());
        Assert.Equal(files.Sum(f => f.GetProperty("size").GetInt64()), plan.GetProperty("totalSize").GetInt64());
        Assert.Equal(plan.GetProperty("totalSize").GetInt64(), plan.GetProperty("bytesToDownload").GetInt64());
        Assert.True(plan.GetProperty("freeSpace").GetInt64() > 0);
        Assert.Equal(0, (await server.GetJsonAsync("/api/jobs")).GetProperty("count").GetInt32());
        Assert.Empty(JobsTestServer.FilesUnder(server.HubDir));

        var id = await server.StartDownloadAsync(body);
        await server.WaitForStatusAsync(id, "completed");
        using var again = await server.PostJsonAsync("/api/plan", body);
        var after = await again.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);

        Assert.All(after.GetProperty("files").EnumerateArray(), f => Assert.True(f.GetProperty("present").GetBoolean()));
        Assert.Equal(0, after.GetProperty("bytesToDownload").GetInt64());
    }

    [Fact(Timeout = 120_000)]
    public async Task Plan_MissingRepo_HubErrorEnvelopeAndNoJob()
    {
        await using var emulator = await HubEmulatorHost.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        await using var server = await JobsTestServer.StartAsync(emulator);

        using var response = await server.PostJsonAsync("/api/plan", new { repo = "emulator/does-not-exist" });

        // Without a token the Hub answers a missing repo like a private one (401 RepoNotFound); the server
        // maps that as the Errors section says. Either way it is the envelope and nothing was created.
        var status = (int)response.StatusCode;
        Assert.Contains(status, new[] { 401, 404 });
        await RunningServer.AssertEnvelopeAsync(response, status, status == 404 ? "not_found" : "unauthorized");
        Assert.Equal(0, (await server.GetJsonAsync("/api/jobs")).GetProperty("count").GetInt32());
    }

    [Fact(Timeout = 120_000)]
    public async Task Plan_MissingRevision_404Envelope()
    {
        await using var emulator = await HubEmulatorHost.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        await using var server = await JobsTestServer.StartAsync(emulator);

        using var response = await server.PostJsonAsync("/api/plan", new { repo = StandardFixtures.TransformersRepo, revision = "no-such-branch" });

        await RunningServer.AssertEnvelopeAsync(response, 404, "not_found");
    }

    [Fact(Timeout = 120_000)]
    public async Task Plan_BadRevision_400()
    {
        await using var emulator = await HubEmulatorHost.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        await using var server = await JobsTestServer.StartAsync(emulator);

        using var response = await server.PostJsonAsync("/api/plan", new { repo = StandardFixtures.RefsRepo, revision = "a..b" });

        await RunningServer.AssertEnvelopeAsync(response, 400, "bad_request");
    }

    [Fact(Timeout = 120_000)]
    public async Task Plan_FortyHexCommit_PlansThatCommit()
    {
        await using var emulator = await HubEmulatorHost.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        await using var server = await JobsTestServer.StartAsync(emulator);
        var commit = emulator.Repos.Get(StandardFixtures.TransformersRepo).Commit;

        using var response = await server.PostJsonAsync("/api/plan", new { repo = StandardFixtures.TransformersRepo, revision = commit });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var plan = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.Equal(commit, plan.GetProperty("commit").GetString());
    }

    [Theory(Timeout = 120_000)]
    [InlineData(StandardFixtures.RefsTag)]
    [InlineData(StandardFixtures.RefsSlashBranch)]
    [InlineData("refs/pr/1")]
    public async Task Plan_RevisionForms_ResolveToTheirCommit(string revision)
    {
        await using var emulator = await HubEmulatorHost.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        await using var server = await JobsTestServer.StartAsync(emulator);

        using var response = await server.PostJsonAsync("/api/plan", new { repo = StandardFixtures.RefsRepo, revision });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var plan = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.Equal(revision, plan.GetProperty("revision").GetString());
        Assert.Matches("^[0-9a-f]{40}$", plan.GetProperty("commit").GetString());
    }
}
