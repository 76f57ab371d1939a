using HFDesk.Core.Downloads;
using HFDesk.HubEmulator;
using static HFDesk.Core.Tests.Downloads.TransferTestBed;

namespace HFDesk.Core.Tests.Downloads;

/// <summary>
/// The file changes on the server between two requests of one transfer (a new commit pushed to the CDN object, a
/// truncated upload): the next answer names another size or refuses the range. The transfer must stop and discard its
/// partial, never stitch two versions into one file.
/// </summary>
public sealed class RangeDownloaderUpstreamChangeTests
{
    [Theory(Timeout = 60_000)]
    [InlineData(5L * MiB, false, "holds 5,242,880 bytes")] // 206 whose Content-Range total is not the expected size
    [InlineData(512L * KiB, false, "refused bytes")] // 416: the new version ends before the retry's first byte
    [InlineData(5L * MiB, true, "sends 5,242,880 bytes")] // 200 (Range ignored) whose Content-Length is not the expected size
    public async Task FileChangedBetweenRequests_StopsWithIntegrityErrorAndDiscardsThePartial(long newSize, bool ignoreRange, string expected)
    {
        await using var bed = await StartAsync(r => r.WithFile("model.safetensors", 4 * MiB), TestContext.Current.CancellationToken);
        var request = bed.Request("model.safetensors");
        if (ignoreRange)
        {
            bed.Emulator.Faults.IgnoreRange(scope: FaultScope.Cdn);
        }

        // One stream, cut after 1 MiB: the retry is the next request, and the file changes just before it. (With Range
        // ignored, the engine's first, ranged request is answered 200 and dropped unread before it restarts as a plain
        // stream: that answer takes one cut.)
        bed.Emulator.Faults.CutAfter(1 * MiB, times: ignoreRange ? 2 : 1, FaultScope.Cdn);
        var change = new ChangeUpstreamOnce(bed.Emulator.Faults, newSize, atBytes: 512 * KiB);

        var error = await Assert.ThrowsAsync<IntegrityException>(
            () => bed.DownloadAsync(request, FastOptions with { Connections = 1, MultipartThreshold = 64 * MiB, Verify = VerifyMode.None }, change));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.Contains("changed upstream", error.Message, StringComparison.Ordinal);
        Assert.NotNull(change.Rule);
        Assert.True(change.Rule.Hits >= 1, "the changed version was served");
        Assert.False(File.Exists(request.TempPath), "a partial of the old version is discarded");
        Assert.False(File.Exists(request.JournalPath));
    }

    /// <summary>Switches the emulator to the new version once the first request has delivered some bytes.</summary>
    private sealed class ChangeUpstreamOnce(FaultPlan faults, long newSize, long atBytes) : IProgress<TransferProgress>
    {
        private readonly Lock _lock = new();

        public FaultRule? Rule { get; private set; }

        public void Report(TransferProgress value)
        {
            lock (_lock)
            {
                if (Rule is null && value.CompletedBytes >= atBytes)
                {
                    Rule = faults.ChangedUpstream(newSize, FaultScope.Cdn);
                }
            }
        }
    }
}
