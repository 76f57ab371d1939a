using HFDesk.Core.Downloads;
using HFDesk.HubEmulator;
using static HFDesk.Core.Tests.Downloads.TransferTestBed;

namespace HFDesk.Core.Tests.Downloads;

public sealed class TransferCheckpointerTests
{
    [Fact(Timeout = 60_000)]
    public async Task Checkpoint_ByBytes_JournalTrailsTheWrittenBytesByAboutJournalBytes()
    {
        await using var bed = await StartAsync(r => r.WithFile("model.safetensors", 8 * MiB), TestContext.Current.CancellationToken);
        bed.Emulator.Faults.BandwidthCap(4_000_000, FaultScope.Cdn);
        var request = bed.Request("model.safetensors");
        var lag = new JournalLag(request);

        // The interval alone would never checkpoint during this transfer: every journal seen comes from the byte trigger.
        var options = FastOptions with { Connections = 2, JournalInterval = TimeSpan.FromHours(1), JournalBytes = 1 * MiB, ProgressInterval = TimeSpan.Zero };
        await bed.DownloadAsync(request, options, lag);

        bed.AssertFileIsExactly("model.safetensors", request);

        // What a kill -9 would re-fetch at each moment: the bytes on disk that no journal vouches for yet. Bound: the
        // byte trigger, one 256 KiB buffer per connection written while a save ran, and slack for a slow save.
        Assert.True(lag.Samples >= 16, $"only {lag.Samples} progress reports");
        Assert.True(lag.JournalsSeen > 0, "no journal was written while bytes flowed");
        Assert.True(lag.MaxLag <= (1 * MiB) + (2 * 256 * KiB) + (1 * MiB), $"the journal trailed the disk by {lag.MaxLag:N0} bytes");
    }

    /// <summary>At every progress report (one per write here), how far the journal on disk trails the bytes written.</summary>
    private sealed class JournalLag(TransferRequest request) : IProgress<TransferProgress>
    {
        private readonly Lock _lock = new();

        public long MaxLag { get; private set; }

        public int Samples { get; private set; }

        public int JournalsSeen { get; private set; }

        public void Report(TransferProgress value)
        {
            if (value.CompletedBytes >= value.TotalBytes)
            {
                // Done: the journal is about to be deleted, not trailing.
                return;
            }

            var journal = TransferJournal.TryLoad(request.JournalPath);
            var journaled = journal?.Completed.Sum(r => r.Length) ?? 0;
            lock (_lock)
            {
                Samples++;
                JournalsSeen += journal is null ? 0 : 1;
                MaxLag = Math.Max(MaxLag, value.CompletedBytes - journaled);
            }
        }
    }
}
