using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using HFDesk.Core.Settings;
using HFDesk.HubEmulator;

namespace HFDesk.Server.Tests;

public sealed class JobsEndpointsTests
{
    private const string SlowRepo = "emulator/slow-lifecycle";

    [Fact(Timeout = 180_000)]
    public async Task Lifecycle_PauseResume_CompletesWithCorrectBytesWithoutRefetchingKeptBytes()
    {
        await using var emulator = await HubEmulatorHost.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        var fixture = JobsTestServer.AddSlowRepo(emulator, SlowRepo);
        var cap = emulator.Faults.BandwidthCap(256 * 1024, FaultScope.Cdn);
        await using var server = await JobsTestServer.StartAsync(emulator);
        var id = await server.StartDownloadAsync(new { repo = SlowRepo });
        // The large file's own bytes, not the job's: small files finishing first would leave nothing partial to keep.
        await server.WaitForJobAsync(
            id,
            j => j.GetProperty("status").GetString() == "running"
                && j.GetProperty("files").EnumerateArray().Any(f => f.GetProperty("path").GetString() == "large.bin" && f.GetProperty("downloaded").GetInt64() > 0),
            "running with bytes of large.bin");

        using var pause = await server.PostAsync($"/api/jobs/{id}/pause");
        Assert.Equal(HttpStatusCode.OK, pause.StatusCode);
        var paused = await pause.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.Equal("paused", paused.GetProperty("status").GetString());
        using var pauseAgain = await server.PostAsync($"/api/jobs/{id}/pause");
        await RunningServer.AssertEnvelopeAsync(pauseAgain, 409, "conflict");
        var partials = JobsTestServer.FilesUnder(server.HubDir).Where(f => f.EndsWith(".incomplete", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(partials);
        var fetchedBeforePause = emulator.Requests.BytesSent("large.bin", RequestOrigin.Cdn);

        emulator.Faults.Remove(cap);
        using var resume = await server.PostAsync($"/api/jobs/{id}/resume");
        Assert.Equal(HttpStatusCode.OK, resume.StatusCode);
        var done = await server.WaitForStatusAsync(id, "completed");

        var file = fixture.File("large.bin");
        var blob = server.BlobPath(fixture, file);
        Assert.Equal(file.Sha256, Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(blob, TestContext.Current.CancellationToken))));
        var progress = done.GetProperty("progress");
        Assert.Equal(progress.GetProperty("totalBytes").GetInt64(), progress.GetProperty("downloadedBytes").GetInt64());
        Assert.Equal(progress.GetProperty("totalFiles").GetInt32(), progress.GetProperty("completedFiles").GetInt32());
        var large = Assert.Single(done.GetProperty("files").EnumerateArray(), f => f.GetProperty("path").GetString() == "large.bin");
        Assert.Equal(file.Size, large.GetProperty("downloaded").GetInt64());
        Assert.Equal(file.Size, large.GetProperty("totalBytes").GetInt64());
        Assert.Equal("completed", done.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, done.GetProperty("phase").ValueKind);
        Assert.All(done.GetProperty("files").EnumerateArray(), f => Assert.Contains(f.GetProperty("status").GetString(), new[] { "complete", "skipped" }));
        Assert.DoesNotContain(JobsTestServer.FilesUnder(server.HubDir), f => f.Contains(".hfdesk.", StringComparison.Ordinal));
        // Resume fetched only what the pause left: total bytes sent stays well under two full copies.
        Assert.True(fetchedBeforePause > 0);
        Assert.True(emulator.Requests.BytesSent("large.bin", RequestOrigin.Cdn) < file.Size + fetchedBeforePause + (512 * 1024));
    }

    [Fact(Timeout = 180_000)]
    public async Task Shutdown_WhileRunning_KeepsPartialsAndRestartResumesToCompletion()
    {
        await using var emulator = await HubEmulatorHost.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        var fixture = JobsTestServer.AddSlowRepo(emulator, SlowRepo);
        var cap = emulator.Faults.BandwidthCap(256 * 1024, FaultScope.Cdn);
        await using var server = await JobsTestServer.StartAsync(emulator);
        var id = await server.StartDownloadAsync(new { repo = SlowRepo });
        await server.WaitForJobAsync(id, j => j.GetProperty("progress").GetProperty("downloadedBytes").GetInt64() > 256 * 1024, "downloading");

        emulator.Faults.Remove(cap);
        emulator.Requests.Clear();
        await server.RestartAsync();

        var done = await server.WaitForStatusAsync(id, "completed");
        Assert.Contains(emulator.Requests.Snapshot(), r => r.Origin == RequestOrigin.Cdn && r.Range is { } range && !range.StartsWith("bytes=0-", StringComparison.Ordinal));
        var file = fixture.File("large.bin");
        Assert.Equal(file.Sha256, Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(server.BlobPath(fixture, file), TestContext.Current.CancellationToken))));
        Assert.True(emulator.Requests.BytesSent("large.bin", RequestOrigin.Cdn) < file.Size);
        Assert.Equal(id, done.GetProperty("id").GetString());
    }

    [Fact(Timeout = 180_000)]
    public async Task Concurrency_LimitRaisedThroughSettings_QueuedJobStartsAtOnce()
    {
        await using var emulator = await HubEmulatorHost.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        JobsTestServer.AddSlowRepo(emulator, "emulator/slow-a", 1024 * 1024);
        JobsTestServer.AddSlowRepo(emulator, "emulator/slow-b", 1024 * 1024);
        emulator.Faults.BandwidthCap(64 * 1024, FaultScope.Cdn);
        await using var server = await JobsTestServer.StartAsync(emulator, new SettingsUpdate { MaxConcurrentJobs = 1 });
        var a = await server.StartDownloadAsync(new { repo = "emulator/slow-a" });
        var b = await server.StartDownloadAsync(new { repo = "emulator/slow-b" });
        await server.WaitForStatusAsync(a, "running");
        Assert.Equal("queued", (await server.GetJsonAsync($"/api/jobs/{b}")).GetProperty("status").GetString());

        using var update = await server.PostJsonAsync("/api/settings", new { maxConcurrentJobs = 2 });

        Assert.Equal(HttpStatusCode.OK, update.StatusCode);
        await server.WaitForStatusAsync(b, "running");
        Assert.Equal("running", (await server.GetJsonAsync($"/api/jobs/{a}")).GetProperty("status").GetString());
    }

    [Fact(Timeout = 180_000)]
    public async Task CacheDelete_WhileJobActive_409_AfterCancelAllowed()
    {
        await using var emulator = await HubEmulatorHost.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        JobsTestServer.AddSlowRepo(emulator, SlowRepo);
        emulator.Faults.BandwidthCap(64 * 1024, FaultScope.Cdn);
        await using var server = await JobsTestServer.StartAsync(emulator);
        var id = await server.StartDownloadAsync(new { repo = SlowRepo });
        await server.WaitForStatusAsync(id, "running");

        using var refused = await server.Client.DeleteAsync(new Uri($"/api/cache/{SlowRepo}?type=model", UriKind.Relative), TestContext.Current.CancellationToken);
        await RunningServer.AssertEnvelopeAsync(refused, 409, "conflict");

        using (await server.Client.DeleteAsync(new Uri($"/api/jobs/{id}", UriKind.Relative), TestContext.Current.CancellationToken))
        {
        }

        using var allowed = await server.Client.DeleteAsync(new Uri($"/api/cache/{SlowRepo}?type=model", UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.NotEqual(HttpStatusCode.Conflict, allowed.StatusCode);
    }

    [Fact(Timeout = 180_000)]
    public async Task Failure_ThenRetry_Completes()
    {
        await using var emulator = await HubEmulatorHost.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        var broken = emulator.Faults.ServerError(times: 1000, statusCode: 500, FaultScope.Path("config.json"));
        await using var server = await JobsTestServer.StartAsync(emulator, new SettingsUpdate { Retries = 0 });
        var id = await server.StartDownloadAsync(new { repo = StandardFixtures.TransformersRepo, filters = new[] { "config.json" } });

        var failed = await server.WaitForStatusAsync(id, "failed");
        Assert.False(string.IsNullOrWhiteSpace(failed.GetProperty("error").GetString()));
        Assert.NotEqual(JsonValueKind.Null, failed.GetProperty("endedAt").ValueKind);
        using var resumeFailed = await server.PostAsync($"/api/jobs/{id}/resume");
        await RunningServer.AssertEnvelopeAsync(resumeFailed, 409, "conflict");

        emulator.Faults.Remove(broken);
        using var retry = await server.PostAsync($"/api/jobs/{id}/retry");
        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        var done = await server.WaitForStatusAsync(id, "completed");

        Assert.Equal(JsonValueKind.Null, done.GetProperty("error").ValueKind);
        var snapshot = Path.Combine(server.HubDir, "models--emulator--tiny-transformers", "snapshots", done.GetProperty("commit").GetString()!, "config.json");
        Assert.Equal(
            emulator.Repos.Get(StandardFixtures.TransformersRepo).File("config.json").ReadAllBytes(),
            await File.ReadAllBytesAsync(snapshot, TestContext.Current.CancellationToken));
    }

    [Fact(Timeout = 180_000)]
    public async Task Cancel_RunningJob_RemovesPartials_ThenDismissRemovesJob()
    {
        await using var emulator = await HubEmulatorHost.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        JobsTestServer.AddSlowRepo(emulator, SlowRepo);
        emulator.Faults.BandwidthCap(256 * 1024, FaultScope.Cdn);
        await using var server = await JobsTestServer.StartAsync(emulator);
        var id = await server.StartDownloadAsync(new { repo = SlowRepo });
        // Past the small .gitattributes, so large.bin's partial is on disk.
        await server.WaitForJobAsync(id, j => j.GetProperty("progress").GetProperty("downloadedBytes").GetInt64() > 4096, "downloading");
        Assert.Contains(JobsTestServer.FilesUnder(server.HubDir), f => f.EndsWith(".incomplete", StringComparison.Ordinal));

        using var cancel = await server.Client.DeleteAsync(new Uri($"/api/jobs/{id}", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, cancel.StatusCode);
        var cancelled = await cancel.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.Equal("cancelled", cancelled.GetProperty("status").GetString());
        Assert.DoesNotContain(JobsTestServer.FilesUnder(server.HubDir), f => f.Contains(".hfdesk.", StringComparison.Ordinal));
        using var cancelAgain = await server.Client.DeleteAsync(new Uri($"/api/jobs/{id}", UriKind.Relative), TestContext.Current.CancellationToken);
        await RunningServer.AssertEnvelopeAsync(cancelAgain, 409, "conflict");

        using var dismiss = await server.PostAsync($"/api/jobs/{id}/dismiss");
        Assert.Equal(HttpStatusCode.OK, dismiss.StatusCode);
        using var gone = await server.Client.GetAsync(new Uri($"/api/jobs/{id}", UriKind.Relative), TestContext.Current.CancellationToken);
        await RunningServer.AssertEnvelopeAsync(gone, 404, "not_found");
        Assert.Equal(0, (await server.GetJsonAsync("/api/jobs")).GetProperty("count").GetInt32());
    }

    [Fact(Timeout = 180_000)]
    public async Task Actions_UnknownIdOrWrongState_404Or409()
    {
        await using var emulator = await HubEmulatorHost.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        JobsTestServer.AddSlowRepo(emulator, SlowRepo);
        emulator.Faults.BandwidthCap(128 * 1024, FaultScope.Cdn);
        await using var server = await JobsTestServer.StartAsync(emulator);

        foreach (var action in new[] { "pause", "resume", "retry", "dismiss" })
        {
            using var unknown = await server.PostAsync($"/api/jobs/0123456789abcdef/{action}");
            await RunningServer.AssertEnvelopeAsync(unknown, 404, "not_found");
        }

        using var malformed = await server.Client.GetAsync(new Uri("/api/jobs/..%2F..%2Fetc", UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NotFound, malformed.StatusCode);
        using var deleteUnknown = await server.Client.DeleteAsync(new Uri("/api/jobs/0123456789abcdef", UriKind.Relative), TestContext.Current.CancellationToken);
        await RunningServer.AssertEnvelopeAsync(deleteUnknown, 404, "not_found");

        var id = await server.StartDownloadAsync(new { repo = SlowRepo });
        await server.WaitForStatusAsync(id, "running");
        foreach (var action in new[] { "resume", "retry", "dismiss" })
        {
            using var conflict = await server.PostAsync($"/api/jobs/{id}/{action}");
            await RunningServer.AssertEnvelopeAsync(conflict, 409, "conflict");
        }

        Assert.Equal("running", (await server.GetJsonAsync($"/api/jobs/{id}")).GetProperty("status").GetString());
    }

    [Fact(Timeout = 180_000)]
    public async Task Concurrency_OneJobAtATime_SecondWaitsQueuedThenRuns()
    {
        await using var emulator = await HubEmulatorHost.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        JobsTestServer.AddSlowRepo(emulator, "emulator/slow-a", 1024 * 1024);
        JobsTestServer.AddSlowRepo(emulator, "emulator/slow-b", 1024 * 1024);
        var cap = emulator.Faults.BandwidthCap(128 * 1024, FaultScope.Cdn);
        await using var server = await JobsTestServer.StartAsync(emulator, new SettingsUpdate { MaxConcurrentJobs = 1 });

        var a = await server.StartDownloadAsync(new { repo = "emulator/slow-a" });
        var b = await server.StartDownloadAsync(new { repo = "emulator/slow-b" });
        await server.WaitForStatusAsync(a, "running");

        var jobs = (await server.GetJsonAsync("/api/jobs")).GetProperty("jobs").EnumerateArray().ToList();
        Assert.Equal([a, b], jobs.Select(j => j.GetProperty("id").GetString()));
        Assert.Equal("queued", jobs[1].GetProperty("status").GetString());
        Assert.Equal(1, jobs.Count(j => j.GetProperty("status").GetString() == "running"));

        emulator.Faults.Remove(cap);
        await server.WaitForStatusAsync(b, "completed");
        var first = await server.GetJsonAsync($"/api/jobs/{a}");
        var second = await server.GetJsonAsync($"/api/jobs/{b}");
        Assert.Equal("completed", first.GetProperty("status").GetString());
        Assert.True(second.GetProperty("startedAt").GetDateTimeOffset() >= first.GetProperty("endedAt").GetDateTimeOffset());
    }
}
