using HFDesk.Core.Downloads;
using HFDesk.HubEmulator;
using static HFDesk.Core.Tests.Downloads.TransferTestBed;

namespace HFDesk.Core.Tests.Downloads;

public sealed class RangeDownloaderResumeTests
{
    [Fact(Timeout = 60_000)]
    public async Task Resume_AfterServerCutsConnections_ContinuesFromWrittenOffset()
    {
        await using var bed = await StartAsync(r => r.WithFile("model.safetensors", 4 * MiB), TestContext.Current.CancellationToken);
        bed.Emulator.Faults.CutAfter(1 * MiB, times: 3, FaultScope.Cdn);
        var request = bed.Request("model.safetensors");

        var result = await bed.DownloadAsync(request, FastOptions with { MultipartThreshold = 64 * MiB });

        bed.AssertFileIsExactly("model.safetensors", request);
        var cdn = bed.ByteRequests("model.safetensors").Where(r => r.Origin == RequestOrigin.Cdn).ToList();
        Assert.Equal(4, cdn.Count);

        // Each retry asks from where the written bytes end (what was still in flight at the cut is lost, as on a real network).
        var starts = cdn.Select(r => ParseRange(r.Range!).Start).ToList();
        Assert.Equal(0, starts[0]);
        Assert.All(starts.Zip(starts.Skip(1)), pair => Assert.True(pair.Second > pair.First, $"{pair.Second} does not continue after {pair.First}"));
        Assert.All(starts.Skip(1), s => Assert.True(s >= 512 * KiB, $"retry from {s} restarted near the beginning"));
        Assert.Equal(4 * MiB, result.BytesFetched);
    }

    [Fact(Timeout = 90_000)]
    public async Task Resume_AfterPause_FetchesOnlyTheMissingBytes()
    {
        await using var bed = await StartAsync(r => r.WithFile("model.safetensors", 6 * MiB), TestContext.Current.CancellationToken);
        var cap = bed.Emulator.Faults.BandwidthCap(1_000_000, FaultScope.Cdn);
        var request = bed.Request("model.safetensors");
        using var pause = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);

        var first = bed.Downloader.DownloadAsync(request, FastOptions with { Connections = 2 }, null, pause.Token);
        await WaitForJournalAsync(request, minBytes: 512 * KiB);
        await pause.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => first);

        var journal = TransferJournal.TryLoad(request.JournalPath);
        Assert.NotNull(journal);
        var onDisk = journal.Completed.Sum(r => r.Length);
        Assert.InRange(onDisk, 512 * KiB, 6 * MiB - 1);
        bed.Emulator.Faults.Remove(cap);
        bed.Emulator.Requests.Clear();

        var result = await bed.DownloadAsync(request);

        bed.AssertFileIsExactly("model.safetensors", request);
        Assert.Equal(onDisk, result.BytesResumed);
        Assert.Equal(6 * MiB - onDisk, result.BytesFetched);
        AssertNoRequestOverlaps(bed, "model.safetensors", journal.Completed);
    }

    [Fact(Timeout = 60_000)]
    public async Task Resume_JournalForOtherContent_DiscardsPartialAndStartsOver()
    {
        await using var bed = await StartAsync(r => r.WithFile("model.safetensors", 2 * MiB), TestContext.Current.CancellationToken);
        var request = bed.Request("model.safetensors");
        await File.WriteAllBytesAsync(request.TempPath, new byte[2 * MiB], TestContext.Current.CancellationToken);
        TransferJournal.For(request with { ExpectedEtag = "someone-else" }, [new ByteRange(0, 2 * MiB)], DateTimeOffset.UtcNow).Save(request.JournalPath);

        var result = await bed.DownloadAsync(request);

        bed.AssertFileIsExactly("model.safetensors", request);
        Assert.Equal(0, result.BytesResumed);
        Assert.Equal(2 * MiB, result.BytesFetched);
    }

    [Fact(Timeout = 60_000)]
    public async Task Resume_PartialWithoutJournal_StartsOver()
    {
        await using var bed = await StartAsync(r => r.WithFile("model.safetensors", 2 * MiB), TestContext.Current.CancellationToken);
        var request = bed.Request("model.safetensors");
        await File.WriteAllBytesAsync(request.TempPath, new byte[100], TestContext.Current.CancellationToken);

        var result = await bed.DownloadAsync(request);

        bed.AssertFileIsExactly("model.safetensors", request);
        Assert.Equal(0, result.BytesResumed);
    }

    [Fact(Timeout = 60_000)]
    public async Task Resume_RegularFileJournalOutlivedItsBytes_CaughtByGitHashEvenWithVerifySize()
    {
        // A power loss can keep a journal whose data never reached the disk: zeros where bytes were promised.
        await using var bed = await StartAsync(r => r.WithFile("tokenizer.json", new string('t', 300_000)), TestContext.Current.CancellationToken);
        var request = bed.Request("tokenizer.json");
        await File.WriteAllBytesAsync(request.TempPath, new byte[300_000], TestContext.Current.CancellationToken);
        TransferJournal.For(request, [new ByteRange(0, 100_000)], DateTimeOffset.UtcNow).Save(request.JournalPath);

        await Assert.ThrowsAsync<IntegrityException>(() => bed.DownloadAsync(request, FastOptions with { Verify = VerifyMode.Size }));

        Assert.False(File.Exists(request.TempPath));
        Assert.False(File.Exists(request.JournalPath));
    }

    [Fact(Timeout = 60_000)]
    public async Task Resume_JournalClaimsBytesThatAreWrong_IntegrityFailureLeavesNothing()
    {
        await using var bed = await StartAsync(r => r.WithFile("model.safetensors", 2 * MiB), TestContext.Current.CancellationToken);
        var request = bed.Request("model.safetensors");
        await File.WriteAllBytesAsync(request.TempPath, new byte[2 * MiB], TestContext.Current.CancellationToken);
        TransferJournal.For(request, [new ByteRange(0, 1 * MiB)], DateTimeOffset.UtcNow).Save(request.JournalPath);

        await Assert.ThrowsAsync<IntegrityException>(() => bed.DownloadAsync(request));

        Assert.False(File.Exists(request.TempPath));
        Assert.False(File.Exists(request.JournalPath));
    }

    /// <summary>The emulator's log proves bytes already on disk were not fetched again.</summary>
    internal static void AssertNoRequestOverlaps(TransferTestBed bed, string path, IReadOnlyList<ByteRange> onDisk)
    {
        var requests = bed.ByteRequests(path).Where(r => r.Origin == RequestOrigin.Cdn).ToList();
        Assert.NotEmpty(requests);
        foreach (var logged in requests)
        {
            Assert.NotNull(logged.Range);
            var (start, end) = ParseRange(logged.Range);
            foreach (var range in onDisk)
            {
                Assert.False(start < range.End && range.Start < end, $"{logged.Range} re-fetched bytes already on disk {range}");
            }
        }
    }

    internal static async Task WaitForJournalAsync(TransferRequest request, long minBytes)
    {
        var deadline = TimeProvider.System.GetTimestamp();
        while (TimeProvider.System.GetElapsedTime(deadline) < TimeSpan.FromSeconds(40))
        {
            var journal = TransferJournal.TryLoad(request.JournalPath);
            if (journal is not null && journal.Completed.Sum(r => r.Length) >= minBytes)
            {
                return;
            }

            await Task.Delay(50, TestContext.Current.CancellationToken);
        }

        Assert.Fail($"No journal with {minBytes} bytes appeared at {request.JournalPath}");
    }
}
