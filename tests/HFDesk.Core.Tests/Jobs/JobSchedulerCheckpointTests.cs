using HFDesk.Core.Jobs;
using Microsoft.Extensions.Time.Testing;

namespace HFDesk.Core.Tests.Jobs;

public sealed class JobSchedulerCheckpointTests
{
    [Fact(Timeout = 120_000)]
    public async Task Checkpoint_RunningJobHeldMidFile_StoreHoldsItsBytesWhileStillRunning()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var harness = new SchedulerHarness(time: time);
        harness.Executor.Gate = FileWritingExecutor.ClosedGate();
        await harness.Scheduler.StartAsync(TestContext.Current.CancellationToken);
        var job = await harness.EnqueueAsync("o/a");
        var partial = Path.Combine(FileWritingExecutor.FolderOf(job), "weights.bin.part");
        await WaitUntilAsync(() => Task.FromResult(File.Exists(partial) && new FileInfo(partial).Length == 8 * 1024));

        // What a crash now would leave: the row as stored, read through a second connection.
        time.Advance(JobProgressCheckpointer.DefaultInterval);
        var stored = await WaitUntilAsync(async () =>
        {
            var row = Assert.Single(await harness.Store.LoadJobsAsync(TestContext.Current.CancellationToken));
            return row.Files.Any(f => f.Path == "weights.bin" && f.Downloaded == 8 * 1024) ? row : null;
        });

        Assert.Equal(JobStatus.Running, stored.Status);
        Assert.Equal(2, stored.Progress.TotalFiles);
        Assert.Equal((96 * 1024) + 3000, stored.Progress.TotalBytes);
        Assert.Equal(8 * 1024, stored.Progress.DownloadedBytes);
        Assert.Equal(JobStatus.Running, harness.Scheduler.Find(job.Id)!.Status);
    }

    [Fact(Timeout = 120_000)]
    public async Task Checkpoint_FileCompletes_StoredAsCompleteWithoutWaitingForATick()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var executor = new FileWritingExecutor { Files = [("config.json", 3000), ("weights.bin", 96 * 1024)], HoldBefore = "weights.bin" };
        await using var harness = new SchedulerHarness(executor: executor, time: time);
        harness.Executor.Gate = FileWritingExecutor.ClosedGate();
        await harness.Scheduler.StartAsync(TestContext.Current.CancellationToken);
        var job = await harness.EnqueueAsync("o/a");

        // Held before the second file, with fake time standing still: only the completion can trigger the save.
        var stored = await WaitUntilAsync(async () =>
        {
            var row = Assert.Single(await harness.Store.LoadJobsAsync(TestContext.Current.CancellationToken));
            return row.Files.Any(f => f.Path == "config.json" && f.Status == JobFileStatus.Complete) ? row : null;
        });

        Assert.Equal(JobStatus.Running, stored.Status);
        Assert.Equal(3000, stored.Files.Single(f => f.Path == "config.json").Downloaded);
        Assert.Equal(1, stored.Progress.CompletedFiles);
        harness.Executor.Gate.SetResult();
        await JobWaiter.WaitForStatusAsync(harness.Scheduler, job.Id, JobStatus.Completed);
    }

    [Fact(Timeout = 120_000)]
    public async Task Start_StoredProgressDisagreesWithDisk_ReportsTheBytesOnDisk()
    {
        await using var harness = new SchedulerHarness();
        var paused = JobStateMachineTests.JobIn(JobStatus.Paused) with
        {
            Request = SchedulerHarness.Request("o/crashed"),
            Destination = harness.Destination,
            Commit = new string('c', 40),
            Files =
            [
                new JobFile("weights.bin", 96 * 1024, 90 * 1024, JobFileStatus.Active),
                new JobFile("config.json", 3000, 3000, JobFileStatus.Complete),
            ],
            Progress = new JobProgress { TotalFiles = 2, TotalBytes = (96 * 1024) + 3000, DownloadedBytes = (90 * 1024) + 3000 },
        };
        var folder = FileWritingExecutor.FolderOf(paused);
        Directory.CreateDirectory(folder);
        await File.WriteAllBytesAsync(Path.Combine(folder, "weights.bin.part"), new byte[12 * 1024], TestContext.Current.CancellationToken);
        await harness.Store.SaveAsync(paused, TestContext.Current.CancellationToken);

        await harness.Scheduler.StartAsync(TestContext.Current.CancellationToken);

        var loaded = harness.Scheduler.Find(paused.Id)!;
        Assert.Equal(JobStatus.Paused, loaded.Status);
        Assert.Equal((12 * 1024) + 3000, loaded.Progress.DownloadedBytes);
        Assert.Equal(1, loaded.Progress.CompletedFiles);
        Assert.Equal(12 * 1024, loaded.Files.Single(f => f.Path == "weights.bin").Downloaded);
        Assert.Equal(JobFileStatus.Pending, loaded.Files.Single(f => f.Path == "weights.bin").Status);
    }

    private static async Task<T> WaitUntilAsync<T>(Func<Task<T?>> probe)
        where T : class
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            if (await probe() is { } found)
            {
                return found;
            }

            Assert.True(DateTime.UtcNow < deadline, "condition not reached within 60 s");
            await Task.Delay(20, TestContext.Current.CancellationToken);
        }
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> probe) =>
        await WaitUntilAsync<object>(async () => await probe() ? new object() : null);
}
