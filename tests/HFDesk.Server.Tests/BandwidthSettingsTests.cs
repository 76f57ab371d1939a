using System.Net;
using HFDesk.Core.Jobs.Execution;
using HFDesk.HubEmulator;
using Microsoft.Extensions.DependencyInjection;

namespace HFDesk.Server.Tests;

public sealed class BandwidthSettingsTests
{
    [Fact(Timeout = 120_000)]
    public async Task PostSettings_MaxSpeed_ReachesTheSharedLimiterOfRunningTransfersAtOnce()
    {
        await using var emulator = await HubEmulatorHost.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        await using var server = await JobsTestServer.StartAsync(emulator);
        var limiter = server.Server.App.Services.GetRequiredService<DownloadEngine>().Bandwidth;
        Assert.Equal(0, limiter.BytesPerSecond);

        using (var response = await server.PostJsonAsync("/api/settings", new { maxSpeed = "2MB/s" }))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        Assert.Equal(2_000_000, limiter.BytesPerSecond);

        using (var response = await server.PostJsonAsync("/api/settings", new { maxSpeed = "" }))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        Assert.Equal(0, limiter.BytesPerSecond);
    }
}
