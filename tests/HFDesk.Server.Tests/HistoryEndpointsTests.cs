using System.Net;
using HFDesk.Core.Settings;
using HFDesk.HubEmulator;

namespace HFDesk.Server.Tests;

public sealed class HistoryEndpointsTests
{
    [Fact(Timeout = 180_000)]
    public async Task History_AfterCompletedFailedAndCancelled_HasEveryEndNewestFirstPagedAndSurvivesRestart()
    {
        await using var emulator = await HubEmulatorHost.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        JobsTestServer.AddSlowRepo(emulator, "emulator/slow-history");
        var broken = emulator.Faults.ServerError(times: 1000, statusCode: 500, FaultScope.Path("tokenizer.json"));
        await using var server = await JobsTestServer.StartAsync(emulator, new SettingsUpdate { Retries = 0, MaxConcurrentJobs = 2 });

        var completed = await server.StartDownloadAsync(new { repo = StandardFixtures.TransformersRepo, filters = new[] { "config.json" } });
        await server.WaitForStatusAsync(completed, "completed");
        var failed = await server.StartDownloadAsync(new { repo = StandardFixtures.TransformersRepo, filters = new[] { "tokenizer.json" } });
        await server.WaitForStatusAsync(failed, "failed");
        var cap = emulator.Faults.BandwidthCap(64 * 1024, FaultScope.Cdn);
        var cancelled = await server.StartDownloadAsync(new { repo = "emulator/slow-history" });
        await server.WaitForStatusAsync(cancelled, "running");
        using (await server.Client.DeleteAsync(new Uri($"/api/jobs/{cancelled}", UriKind.Relative), TestContext.Current.CancellationToken))
        {
        }

        await server.WaitForStatusAsync(cancelled, "cancelled");
        emulator.Faults.Remove(cap);
        emulator.Faults.Remove(broken);
        await server.RestartAsync();

        var history = await server.GetJsonAsync("/api/history");
        var entries = history.GetProperty("entries").EnumerateArray().ToList();
        Assert.Equal(3, history.GetProperty("total").GetInt32());
        Assert.Equal([cancelled, failed, completed], entries.Select(e => e.GetProperty("jobId").GetString()));
        Assert.Equal(["cancelled", "failed", "completed"], entries.Select(e => e.GetProperty("status").GetString()));
        Assert.False(string.IsNullOrEmpty(entries[1].GetProperty("error").GetString()));
        Assert.Equal(StandardFixtures.TransformersRepo, entries[2].GetProperty("repo").GetString());
        Assert.True(entries[2].GetProperty("totalFiles").GetInt32() >= 1);
        Assert.True(entries[2].GetProperty("totalBytes").GetInt64() > 0);
        Assert.Equal(server.HubDir, entries[2].GetProperty("hubDir").GetString());
        foreach (var field in new[] { "id", "revision", "isDataset", "outputDir", "startedAt", "endedAt" })
        {
            Assert.True(entries[0].TryGetProperty(field, out _), $"history entry lacks '{field}'");
        }

        var page = await server.GetJsonAsync("/api/history?limit=1&offset=1");
        Assert.Equal(failed, Assert.Single(page.GetProperty("entries").EnumerateArray()).GetProperty("jobId").GetString());
        Assert.Equal(3, page.GetProperty("total").GetInt32());
    }

    [Theory(Timeout = 60_000)]
    [InlineData("limit=0")]
    [InlineData("limit=abc")]
    [InlineData("offset=-1")]
    [InlineData("limit=100000")]
    public async Task History_BadPaging_400(string query)
    {
        await using var emulator = await HubEmulatorHost.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        await using var server = await JobsTestServer.StartAsync(emulator);

        using var response = await server.Client.GetAsync(new Uri($"/api/history?{query}", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        await RunningServer.AssertEnvelopeAsync(response, 400, "bad_request");
    }
}
