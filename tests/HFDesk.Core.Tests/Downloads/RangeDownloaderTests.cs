using HFDesk.Core.Downloads;
using HFDesk.HubEmulator;
using static HFDesk.Core.Tests.Downloads.TransferTestBed;

namespace HFDesk.Core.Tests.Downloads;

public sealed class RangeDownloaderTests
{
    [Fact(Timeout = 60_000)]
    public async Task Download_SmallRegularFile_OneStreamExactBytesEtagChecked()
    {
        await using var bed = await StartAsync(r => r.WithFile("config.json", new string('x', 5000)), TestContext.Current.CancellationToken);
        var request = bed.Request("config.json");

        var result = await bed.DownloadAsync(request, FastOptions with { Verify = VerifyMode.Etag, FlushOnComplete = true });

        bed.AssertFileIsExactly("config.json", request);
        var gets = bed.ByteRequests("config.json");
        Assert.Single(gets);
        Assert.Equal(5000, result.BytesFetched);
        Assert.Equal(0, result.BytesResumed);
    }

    [Fact(Timeout = 60_000)]
    public async Task Download_LargeLfsFile_MultipartInPlaceWithSha256()
    {
        await using var bed = await StartAsync(r => r.WithFile("model.safetensors", 8 * MiB), TestContext.Current.CancellationToken);
        var request = bed.Request("model.safetensors");

        var result = await bed.DownloadAsync(request);

        bed.AssertFileIsExactly("model.safetensors", request);
        Assert.Equal(bed.Repo.File("model.safetensors").Sha256, result.Sha256);
        var cdn = bed.ByteRequests("model.safetensors").Where(r => r.Origin == RequestOrigin.Cdn).ToList();
        Assert.True(cdn.Count >= 4, $"expected 4+ ranged requests, saw {cdn.Count}");
        Assert.All(cdn, r => Assert.StartsWith("bytes=", r.Range, StringComparison.Ordinal));
        Assert.Equal(8 * MiB, result.BytesFetched);
    }

    [Fact(Timeout = 60_000)]
    public async Task Download_EmptyFile_CreatesEmptyTempFile()
    {
        await using var bed = await StartAsync(r => r.WithFile("empty.txt", ""), TestContext.Current.CancellationToken);
        var request = bed.Request("empty.txt");

        await bed.DownloadAsync(request, FastOptions with { Verify = VerifyMode.Sha256 });

        Assert.Equal(0, new FileInfo(request.TempPath).Length);
    }

    [Fact(Timeout = 60_000)]
    public async Task Download_LaggingPart_IdleConnectionsStealItsTail()
    {
        await using var bed = await StartAsync(r => r.WithFile("model.safetensors", 8 * MiB), TestContext.Current.CancellationToken);
        // The first chunk's connection gets headers, then nothing for 3 s; the others run out of chunks and must take over its range.
        bed.Emulator.Faults.Stall(TimeSpan.FromSeconds(3), times: 1, StallMode.AfterHeaders, FaultScope.Cdn);
        var request = bed.Request("model.safetensors");

        await bed.DownloadAsync(request, FastOptions with { MinPartSize = 64 * KiB });

        bed.AssertFileIsExactly("model.safetensors", request);

        // 8 MiB over 4 connections makes 256 KiB chunks; a request starting elsewhere is a stolen tail.
        var starts = bed.ByteRequests("model.safetensors").Where(r => r.Origin == RequestOrigin.Cdn).Select(r => ParseRange(r.Range!).Start).ToList();
        Assert.Contains(starts, s => s % (256 * KiB) != 0);
    }

    [Fact(Timeout = 60_000)]
    public async Task Download_PrivateRegularFileBehindRelativeRedirect_KeepsTokenOnSameHost()
    {
        await using var bed = await StartAsync(r => r.WithFile("config.json", new string('p', 3000)).Private(), "engine/private", TestContext.Current.CancellationToken);
        bed.Emulator.Faults.RelativeRedirects();
        var request = bed.Request("config.json", HubEmulatorTokens.Valid);

        await bed.DownloadAsync(request, FastOptions with { Verify = VerifyMode.Etag });

        bed.AssertFileIsExactly("config.json", request);
        Assert.All(bed.Emulator.Requests.Snapshot(), r => Assert.True(r.HasAuthorization));
    }

    [Fact(Timeout = 60_000)]
    public async Task Download_LfsRedirectToCdn_DropsTokenOnOtherHost()
    {
        await using var bed = await StartAsync(r => r.WithFile("model.safetensors", 2 * MiB).Private(), "engine/private", TestContext.Current.CancellationToken);
        var request = bed.Request("model.safetensors", HubEmulatorTokens.Valid);

        await bed.DownloadAsync(request);

        bed.AssertFileIsExactly("model.safetensors", request);
        var log = bed.Emulator.Requests.Snapshot();
        Assert.All(log.Where(r => r.Origin == RequestOrigin.Hub), r => Assert.True(r.HasAuthorization));
        Assert.All(log.Where(r => r.Origin == RequestOrigin.Cdn), r => Assert.False(r.HasAuthorization));
        Assert.Contains(log, r => r.Origin == RequestOrigin.Cdn);
    }

    [Fact(Timeout = 60_000)]
    public async Task Download_VolumeTooSmall_RefusesBeforeAnyRequest()
    {
        await using var bed = await StartAsync(r => r.WithFile("config.json", "{}"), TestContext.Current.CancellationToken);
        var request = bed.Request("config.json") with { ExpectedSize = long.MaxValue / 4 };

        var error = await Assert.ThrowsAsync<InsufficientDiskSpaceException>(() => bed.DownloadAsync(request));

        Assert.Contains("Not enough free space", error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(request.TempPath));
        Assert.Empty(bed.Emulator.Requests.Snapshot());
    }

    [Fact(Timeout = 60_000)]
    public async Task Download_SharedBandwidthCap_RoughlyHolds()
    {
        await using var bed = await StartAsync(r => r.WithFile("model.safetensors", 4 * MiB), TestContext.Current.CancellationToken);
        bed.Limiter.BytesPerSecond = 2_000_000;
        var request = bed.Request("model.safetensors");
        var started = TimeProvider.System.GetTimestamp();

        await bed.DownloadAsync(request);

        // 4.2 MB at 2 MB/s is ~2.1 s; the bound is generous on purpose (loaded machine), the point is that it waits.
        Assert.InRange(TimeProvider.System.GetElapsedTime(started), TimeSpan.FromSeconds(1.5), TimeSpan.FromSeconds(50));
        bed.AssertFileIsExactly("model.safetensors", request);
    }

    [Fact(Timeout = 60_000)]
    public async Task Download_ProgressReports_EndAtTheFullSize()
    {
        await using var bed = await StartAsync(r => r.WithFile("model.safetensors", 4 * MiB), TestContext.Current.CancellationToken);
        var progress = new ProgressLog();

        await bed.DownloadAsync(bed.Request("model.safetensors"), FastOptions, progress);

        var last = progress.Reports.Last();
        Assert.Equal(4 * MiB, last.TotalBytes);
        Assert.Equal(4 * MiB, last.CompletedBytes);
        Assert.Null(last.Activity);
    }
}
