using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using HFDesk.HubEmulator;

namespace HFDesk.Server.Tests;

public sealed class JobsOfflineCancelTests
{
    private const string SlowRepo = "emulator/slow-offline-cancel";

    [Fact(Timeout = 240_000)]
    public async Task Cancel_PausedJobAfterRestartWithHubDown_DeletesItsPartialsWithoutNetworkAndTouchesNothingElse()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var emulator = await HubEmulatorHost.StartAsync(cancellationToken: ct);
        var fixture = JobsTestServer.AddSlowRepo(emulator, SlowRepo);
        await using var server = await JobsTestServer.StartAsync(emulator);
        var other = await server.StartDownloadAsync(new { repo = StandardFixtures.TransformersRepo });
        await server.WaitForStatusAsync(other, "completed");

        var cap = emulator.Faults.BandwidthCap(128 * 1024, FaultScope.Cdn);
        var id = await server.StartDownloadAsync(new { repo = SlowRepo });
        // Past the small .gitattributes: large.bin itself has bytes on disk, so the pause keeps a journal for them
        // (a pause before its first byte rightly keeps nothing, which raced this test under load).
        await server.WaitForJobAsync(
            id, j => j.GetProperty("progress").GetProperty("downloadedBytes").GetInt64() > 4096, "downloading");
        using (var pause = await server.PostAsync($"/api/jobs/{id}/pause"))
        {
            Assert.Equal(HttpStatusCode.OK, pause.StatusCode);
        }

        emulator.Faults.Remove(cap);
        var blob = server.BlobPath(fixture, fixture.File("large.bin"));
        Assert.True(File.Exists(blob + ".hfdesk.incomplete"));
        Assert.True(File.Exists(blob + ".hfdesk.journal"));
        // Another commit's partial of the same repo (HFDesk's own naming): not this job's, so it must stay.
        var foreign = Path.Combine(Path.GetDirectoryName(blob)!, new string('b', 64));
        await File.WriteAllTextAsync(foreign + ".hfdesk.incomplete", "partial", ct);
        await File.WriteAllTextAsync(foreign + ".hfdesk.journal", "{}", ct);
        var ownPartials = new[] { blob + ".hfdesk.incomplete", blob + ".hfdesk.journal" }
            .Select(p => Path.GetRelativePath(server.CacheDir, p).Replace('\\', '/'))
            .ToHashSet(StringComparer.Ordinal);
        var untouched = Inventory(server.CacheDir).Where(f => !ownPartials.Contains(f.Path)).ToList();

        // The Hub is down from here on: every request fails, and none should even be made.
        emulator.Faults.ServerError(times: int.MaxValue, statusCode: 503, scope: FaultScope.Any);
        emulator.Requests.Clear();
        await server.RestartAsync();
        Assert.Equal("paused", (await server.GetJsonAsync($"/api/jobs/{id}")).GetProperty("status").GetString());

        using var cancel = await server.Client.DeleteAsync(new Uri($"/api/jobs/{id}", UriKind.Relative), ct);

        Assert.Equal(HttpStatusCode.OK, cancel.StatusCode);
        Assert.Equal("cancelled", (await cancel.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("status").GetString());
        Assert.False(File.Exists(blob + ".hfdesk.incomplete"));
        Assert.False(File.Exists(blob + ".hfdesk.journal"));
        Assert.Equal(untouched, Inventory(server.CacheDir));
        Assert.Empty(emulator.Requests.Snapshot());
    }

    private static List<(string Path, long Size)> Inventory(string root) =>
        [.. JobsTestServer.FilesUnder(root).Select(f => (f, new FileInfo(Path.Combine(root, f)).Length))];
}
