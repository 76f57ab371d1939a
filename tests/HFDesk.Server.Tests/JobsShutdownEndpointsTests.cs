using HFDesk.Core.Jobs;
using HFDesk.HubEmulator;
using Microsoft.Extensions.DependencyInjection;

namespace HFDesk.Server.Tests;

public sealed class JobsShutdownEndpointsTests
{
    [Fact(Timeout = 180_000)]
    public async Task DownloadAndJobActions_AfterShutdownBegan_409ConflictEnvelopeAndNoNewJob()
    {
        await using var emulator = await HubEmulatorHost.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        JobsTestServer.AddSlowRepo(emulator, "emulator/slow-shutdown");
        var cap = emulator.Faults.BandwidthCap(128 * 1024, FaultScope.Cdn);
        await using var server = await JobsTestServer.StartAsync(emulator);
        var id = await server.StartDownloadAsync(new { repo = "emulator/slow-shutdown" });
        // Past the small .gitattributes: large.bin itself has bytes on disk, so the stop keeps its partial (a stop
        // before its first byte rightly keeps nothing, which raced this test under load).
        await server.WaitForJobAsync(
            id, j => j.GetProperty("status").GetString() == "running" && j.GetProperty("progress").GetProperty("downloadedBytes").GetInt64() > 4096, "running with bytes");

        // What the host does first when it stops; Kestrel may still be answering requests meanwhile.
        var scheduler = server.Server.App.Services.GetRequiredService<JobScheduler>();
        await scheduler.StopAsync(TestContext.Current.CancellationToken);

        using var download = await server.PostJsonAsync("/api/download", new { repo = StandardFixtures.TransformersRepo });
        var body = await RunningServer.AssertEnvelopeAsync(download, 409, "conflict");
        Assert.Equal("HFDesk is shutting down; the download was not started", body.GetProperty("error").GetString());
        foreach (var action in new[] { "pause", "resume", "retry", "dismiss" })
        {
            using var refused = await server.PostAsync($"/api/jobs/{id}/{action}");
            var envelope = await RunningServer.AssertEnvelopeAsync(refused, 409, "conflict");
            Assert.StartsWith("HFDesk is shutting down", envelope.GetProperty("error").GetString(), StringComparison.Ordinal);
        }

        using var cancel = await server.Client.DeleteAsync(new Uri($"/api/jobs/{id}", UriKind.Relative), TestContext.Current.CancellationToken);
        await RunningServer.AssertEnvelopeAsync(cancel, 409, "conflict");
        var jobs = await server.GetJsonAsync("/api/jobs");
        Assert.Equal(1, jobs.GetProperty("count").GetInt32());
        Assert.Equal("queued", jobs.GetProperty("jobs")[0].GetProperty("status").GetString());
        Assert.Contains(JobsTestServer.FilesUnder(server.HubDir), f => f.EndsWith(".incomplete", StringComparison.Ordinal));
        emulator.Faults.Remove(cap);
    }
}
