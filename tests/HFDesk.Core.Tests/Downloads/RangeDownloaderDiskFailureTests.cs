using HFDesk.Core.Downloads;
using HFDesk.HubEmulator;
using static HFDesk.Core.Tests.Downloads.TransferTestBed;

namespace HFDesk.Core.Tests.Downloads;

/// <summary>
/// A journal that cannot be written (here: a directory squats on the journal's temp name, which the OS refuses
/// even to root) must end the transfer with the first error, never replace it, and never keep the temp file open.
/// </summary>
public sealed class RangeDownloaderDiskFailureTests
{
    [Fact(Timeout = 60_000)]
    public async Task CheckpointFails_TransferFailsWithDiskErrorAndClosesTheFile()
    {
        await using var bed = await StartAsync(r => r.WithFile("model.safetensors", 4 * MiB), TestContext.Current.CancellationToken);
        bed.Emulator.Faults.BandwidthCap(2_000_000, FaultScope.Cdn);
        var request = bed.Request("model.safetensors");
        Directory.CreateDirectory(request.JournalPath + ".tmp");

        var error = await Assert.ThrowsAsync<DiskWriteException>(() => bed.DownloadAsync(request, FastOptions with { JournalInterval = TimeSpan.FromMilliseconds(50) }));

        Assert.Contains("resume journal", error.Message, StringComparison.Ordinal);
        Assert.False(OpenFileHandles.IsOpen(request.TempPath), "the temp file is closed whatever failed");
    }

    [Fact(Timeout = 60_000)]
    public async Task Cancel_WhenPauseJournalCannotBeSaved_StaysACancellationAndClosesTheFile()
    {
        await using var bed = await StartAsync(r => r.WithFile("model.safetensors", 4 * MiB), TestContext.Current.CancellationToken);
        bed.Emulator.Faults.BandwidthCap(1_000_000, FaultScope.Cdn);
        var request = bed.Request("model.safetensors");
        Directory.CreateDirectory(request.JournalPath + ".tmp");
        using var pause = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var progress = new BytesWrittenSignal(256 * KiB);

        // No periodic checkpoint: the only journal write is the one on pause, which fails.
        var download = bed.Downloader.DownloadAsync(request, FastOptions with { JournalInterval = TimeSpan.FromHours(1), JournalBytes = long.MaxValue }, progress, pause.Token);
        await progress.Reached.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        await pause.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => download);
        Assert.False(OpenFileHandles.IsOpen(request.TempPath), "the temp file is closed whatever failed");
    }

    /// <summary>Completes once the transfer reports at least the given number of bytes on disk.</summary>
    private sealed class BytesWrittenSignal(long bytes) : IProgress<TransferProgress>
    {
        private readonly TaskCompletionSource _reached = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task Reached => _reached.Task;

        public void Report(TransferProgress value)
        {
            if (value.CompletedBytes >= bytes)
            {
                _reached.TrySetResult();
            }
        }
    }
}
