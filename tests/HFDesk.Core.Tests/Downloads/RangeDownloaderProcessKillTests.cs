using System.Globalization;
using HFDesk.Core.Downloads;
using HFDesk.HubEmulator;
using static HFDesk.Core.Tests.Downloads.TransferTestBed;

namespace HFDesk.Core.Tests.Downloads;

public sealed class RangeDownloaderProcessKillTests
{
    [Fact(Timeout = 120_000)]
    public async Task Resume_AfterProcessKilled_DoesNotRefetchJournaledBytes()
    {
        await using var bed = await StartAsync(r => r.WithFile("model.safetensors", 16 * MiB), TestContext.Current.CancellationToken);
        var cap = bed.Emulator.Faults.BandwidthCap(1_000_000, FaultScope.Cdn);
        var file = bed.Repo.File("model.safetensors");
        var output = Path.Combine(bed.Root, "model.safetensors");
        var url = bed.Emulator.ResolveUrl(bed.Repo, file.Path);
        var list = Path.Combine(bed.Root, "jobs.list");
        await File.WriteAllTextAsync(
            list,
            string.Join('\t', url.AbsoluteUri, file.Size.ToString(CultureInfo.InvariantCulture), file.Sha256, "-", output) + "\n",
            TestContext.Current.CancellationToken);

        // Same identity the worker journals under: sha256, no etag, no commit.
        var request = new TransferRequest(url, null, file.Size, file.Sha256, null, null, output + ".incomplete", output + ".incomplete.journal");
        using (var worker = BenchWorkerProcess.Start("--list", list, "--connections", "4", "--threshold", "1048576", "--journal-interval-ms", "100"))
        {
            try
            {
                await RangeDownloaderResumeTests.WaitForJournalAsync(request, minBytes: 1 * MiB);
            }
            finally
            {
                // SIGKILL: no finally blocks, no last journal save; exactly what a crash leaves.
                worker.Kill(entireProcessTree: true);
                await worker.WaitForExitAsync(TestContext.Current.CancellationToken);
            }

            Assert.NotEqual(0, worker.ExitCode);
        }

        var journal = TransferJournal.TryLoad(request.JournalPath);
        Assert.NotNull(journal);
        var onDisk = journal.Completed.Sum(r => r.Length);
        Assert.InRange(onDisk, 1 * MiB, 16 * MiB - 1);
        bed.Emulator.Faults.Remove(cap);
        bed.Emulator.Requests.Clear();

        var result = await bed.DownloadAsync(request);

        bed.AssertFileIsExactly("model.safetensors", request);
        Assert.Equal(onDisk, result.BytesResumed);
        RangeDownloaderResumeTests.AssertNoRequestOverlaps(bed, "model.safetensors", journal.Completed);
    }
}
