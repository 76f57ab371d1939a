using HFDesk.Core.Downloads;
using HFDesk.Core.Hub;
using HFDesk.HubEmulator;
using static HFDesk.Core.Tests.Downloads.TransferTestBed;

namespace HFDesk.Core.Tests.Downloads;

public sealed class RangeDownloaderFaultTests
{
    [Theory(Timeout = 60_000)]
    [InlineData(StallMode.AfterHeaders)]
    [InlineData(StallMode.BeforeHeaders)]
    public async Task Stall_LongerThanStallTimeout_ReconnectsAndFinishes(StallMode mode)
    {
        await using var bed = await StartAsync(r => r.WithFile("model.safetensors", 2 * MiB), TestContext.Current.CancellationToken);
        bed.Emulator.Faults.Stall(TimeSpan.FromSeconds(20), times: 1, mode, FaultScope.Cdn);
        var request = bed.Request("model.safetensors");
        var progress = new ProgressLog();
        var started = TimeProvider.System.GetTimestamp();

        await bed.DownloadAsync(request, FastOptions with { StallTimeout = TimeSpan.FromSeconds(1) }, progress);

        bed.AssertFileIsExactly("model.safetensors", request);
        Assert.True(progress.SawActivity("stalled"), "the user is told the connection stalled");
        Assert.True(bed.ByteRequests("model.safetensors").Count(r => r.Origin == RequestOrigin.Cdn) >= 2);
        Assert.True(TimeProvider.System.GetElapsedTime(started) < TimeSpan.FromSeconds(19), "the watchdog, not the server, ended the stall");
    }

    [Fact(Timeout = 60_000)]
    public async Task SlowDrip_EveryReconnectBringsATrickle_FailsWithinTheRetriesNotNever()
    {
        await using var bed = await StartAsync(r => r.WithFile("model.safetensors", 2 * MiB), TestContext.Current.CancellationToken);
        bed.Emulator.Faults.Drip(1000, TimeSpan.FromSeconds(30), scope: FaultScope.Cdn);
        var request = bed.Request("model.safetensors");
        using var bound = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        bound.CancelAfter(TimeSpan.FromSeconds(40));
        var started = TimeProvider.System.GetTimestamp();

        // Without a floor every reconnect "makes progress" (1000 bytes), refunds the retries and the drip never ends.
        var error = await Assert.ThrowsAsync<HubException>(() => bed.DownloadAsync(
            request, FastOptions with { StallTimeout = TimeSpan.FromSeconds(1) }, null, bound.Token));

        var elapsed = TimeProvider.System.GetElapsedTime(started);
        Assert.Equal(HubErrorKind.Timeout, error.Kind);
        Assert.Contains("keeps stalling", error.Message, StringComparison.Ordinal);
        Assert.True(elapsed < TimeSpan.FromSeconds(20), $"gave up after {elapsed.TotalSeconds:0.0} s; 5 stalls of 1 s plus backoff should take ~7 s");
        Assert.True(File.Exists(request.JournalPath), "the trickle that did arrive is kept for a later retry");
    }

    [Fact(Timeout = 60_000)]
    public async Task FlakyLink_EachReconnectBringsRealBytes_KeepsGoingPastTheRetries()
    {
        await using var bed = await StartAsync(r => r.WithFile("model.safetensors", 2 * MiB), TestContext.Current.CancellationToken);
        var drip = bed.Emulator.Faults.Drip(300 * KiB, TimeSpan.FromSeconds(30), times: 6, FaultScope.Cdn);
        var request = bed.Request("model.safetensors");

        // Seven requests for one stream, six of them stalling: more failures than retries, yet every two refund them.
        await bed.DownloadAsync(request, FastOptions with { Connections = 1, Retries = 2, RetryRefundBytes = 512 * KiB, StallTimeout = TimeSpan.FromMilliseconds(500) });

        bed.AssertFileIsExactly("model.safetensors", request);
        Assert.Equal(6, drip.Hits);
    }

    [Fact(Timeout = 60_000)]
    public async Task RateLimited_WithRetryAfter_WaitsAndFinishes()
    {
        await using var bed = await StartAsync(r => r.WithFile("model.safetensors", 1 * MiB), TestContext.Current.CancellationToken);
        bed.Emulator.Faults.RateLimit(times: 2, retryAfterSeconds: 1, FaultScope.Cdn);
        var request = bed.Request("model.safetensors");
        var progress = new ProgressLog();
        var started = TimeProvider.System.GetTimestamp();

        await bed.DownloadAsync(request, FastOptions, progress);

        bed.AssertFileIsExactly("model.safetensors", request);
        Assert.True(progress.SawActivity("waiting for rate limit"));
        var statuses = bed.ByteRequests("model.safetensors").Where(r => r.Origin == RequestOrigin.Cdn).Select(r => r.Status).ToList();
        Assert.Equal([429, 429, 206], statuses.Take(3));
        Assert.All(statuses.Skip(3), status => Assert.Equal(206, status));

        // Backoff alone is 50–200 ms here: two waits of at least the server's second each show Retry-After was honoured.
        Assert.True(TimeProvider.System.GetElapsedTime(started) >= TimeSpan.FromSeconds(1.9));
    }

    [Fact(Timeout = 60_000)]
    public async Task ServerErrors_FewerThanRetries_Finishes()
    {
        await using var bed = await StartAsync(r => r.WithFile("model.safetensors", 1 * MiB), TestContext.Current.CancellationToken);
        bed.Emulator.Faults.ServerError(times: 2, statusCode: 503, FaultScope.Cdn);
        var request = bed.Request("model.safetensors");

        await bed.DownloadAsync(request);

        bed.AssertFileIsExactly("model.safetensors", request);
    }

    [Fact(Timeout = 60_000)]
    public async Task ServerErrors_MoreThanRetries_FailsAsUpstreamKeepingPartial()
    {
        await using var bed = await StartAsync(r => r.WithFile("model.safetensors", 1 * MiB), TestContext.Current.CancellationToken);
        bed.Emulator.Faults.ServerError(times: 10, statusCode: 502, FaultScope.Cdn);
        var request = bed.Request("model.safetensors");

        var error = await Assert.ThrowsAsync<HubException>(() => bed.DownloadAsync(request, FastOptions with { Retries = 2 }));

        Assert.Equal(HubErrorKind.Upstream, error.Kind);
        Assert.Equal(3, bed.ByteRequests("model.safetensors").Count(r => r.Origin == RequestOrigin.Cdn));
    }

    [Fact(Timeout = 60_000)]
    public async Task IgnoredRange_MultipartTransfer_RestartsAsOneStream()
    {
        await using var bed = await StartAsync(r => r.WithFile("model.safetensors", 4 * MiB), TestContext.Current.CancellationToken);
        bed.Emulator.Faults.IgnoreRange(scope: FaultScope.Cdn);
        var request = bed.Request("model.safetensors");

        var result = await bed.DownloadAsync(request);

        bed.AssertFileIsExactly("model.safetensors", request);
        Assert.Equal(bed.Repo.File("model.safetensors").Sha256, result.Sha256);
        var last = bed.ByteRequests("model.safetensors").Last(r => r.Origin == RequestOrigin.Cdn);
        Assert.Null(last.Range);
        Assert.Equal(200, last.Status);
    }

    [Fact(Timeout = 60_000)]
    public async Task RefusedExtraConnections_FallsBackToOneStream()
    {
        await using var bed = await StartAsync(r => r.WithFile("model.safetensors", 4 * MiB), TestContext.Current.CancellationToken);
        bed.Emulator.Faults.RefuseExtraConnections(scope: FaultScope.Cdn);
        var request = bed.Request("model.safetensors");

        await bed.DownloadAsync(request);

        bed.AssertFileIsExactly("model.safetensors", request);
        var cdn = bed.ByteRequests("model.safetensors").Where(r => r.Origin == RequestOrigin.Cdn).ToList();
        Assert.Contains(cdn, r => r.Status == 403);
        Assert.Contains(cdn, r => r.Status == 206);
    }

    [Fact(Timeout = 60_000)]
    public async Task CorruptBytes_LfsFile_IntegrityErrorAndNothingLeft()
    {
        await using var bed = await StartAsync(r => r.WithFile("model.safetensors", 2 * MiB), TestContext.Current.CancellationToken);
        bed.Emulator.Faults.CorruptBytes("model.safetensors");
        var request = bed.Request("model.safetensors");

        var error = await Assert.ThrowsAsync<IntegrityException>(() => bed.DownloadAsync(request, FastOptions with { Verify = VerifyMode.None }));

        Assert.Contains("SHA-256 mismatch", error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(request.TempPath));
        Assert.False(File.Exists(request.JournalPath));
    }

    [Fact(Timeout = 60_000)]
    public async Task CorruptBytes_RegularFileVerifiedByEtag_IntegrityErrorAndNothingLeft()
    {
        await using var bed = await StartAsync(r => r.WithFile("tokenizer.json", new string('t', 40_000)), TestContext.Current.CancellationToken);
        bed.Emulator.Faults.CorruptBytes("tokenizer.json");
        var request = bed.Request("tokenizer.json");

        await Assert.ThrowsAsync<IntegrityException>(() => bed.DownloadAsync(request, FastOptions with { Verify = VerifyMode.Etag }));

        Assert.False(File.Exists(request.TempPath));
        Assert.False(File.Exists(request.JournalPath));
    }
}
