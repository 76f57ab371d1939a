using System.Text.Json;
using HFDesk.HubEmulator;

namespace HFDesk.Server.Tests;

public sealed class SearchBadgeFreshnessTests
{
    [Fact(Timeout = 120_000)]
    public async Task Search_RightAfterADownloadCompletes_ShowsTheRepoOnDisk()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var emulator = await HubEmulatorHost.StartAsync(cancellationToken: ct);
        await using var server = await JobsTestServer.StartAsync(emulator);
        var query = $"/api/search?q={Uri.EscapeDataString(StandardFixtures.TransformersRepo)}";

        // The first search scans the (empty) cache and keeps that scan for reuse.
        Assert.False(LocalPresent(await server.GetJsonAsync(query)));

        var id = await server.StartDownloadAsync(new { repo = StandardFixtures.TransformersRepo, filters = new[] { "config.json" } });
        await server.WaitForStatusAsync(id, "completed");

        // Well inside the reuse window: the finished download must have dropped the old scan.
        var after = await server.GetJsonAsync(query);
        Assert.True(LocalPresent(after), after.ToString());
    }

    private static bool LocalPresent(JsonElement search) =>
        search.GetProperty("items").EnumerateArray()
            .Single(i => i.GetProperty("id").GetString() == StandardFixtures.TransformersRepo)
            .GetProperty("local").GetProperty("present").GetBoolean();
}
