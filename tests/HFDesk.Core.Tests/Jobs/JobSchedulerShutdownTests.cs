using HFDesk.Core.Jobs;

namespace HFDesk.Core.Tests.Jobs;

public sealed class JobSchedulerShutdownTests
{
    [Fact(Timeout = 120_000)]
    public async Task Enqueue_AfterShutdownBegan_RefusedAsShuttingDownAndNothingStored()
    {
        await using var harness = new SchedulerHarness();
        await harness.Scheduler.StartAsync(TestContext.Current.CancellationToken);
        await harness.Scheduler.StopAsync(TestContext.Current.CancellationToken);

        var result = await harness.Scheduler.EnqueueAsync(
            SchedulerHarness.Request("o/late"), harness.Destination, TestContext.Current.CancellationToken);

        Assert.Equal(JobEnqueueOutcome.ShuttingDown, result.Outcome);
        Assert.Null(result.Job);
        Assert.Equal(JobEnqueueResult.ShuttingDownMessage, result.Message);
        Assert.Empty(harness.Scheduler.GetJobs());
        Assert.Empty(await harness.Store.LoadJobsAsync(TestContext.Current.CancellationToken));
        Assert.Empty(harness.Executor.Starts);
    }

    [Fact(Timeout = 120_000)]
    public async Task JobActions_AfterShutdownBegan_RefusedAndJobUnchanged()
    {
        await using var harness = new SchedulerHarness();
        var (job, partial) = await harness.StartBlockedMidDownloadAsync();

        await harness.Scheduler.StopAsync(TestContext.Current.CancellationToken);
        Assert.Equal(JobStatus.Queued, harness.Scheduler.Find(job.Id)!.Status);

        var ct = TestContext.Current.CancellationToken;
        JobActionResult[] results =
        [
            await harness.Scheduler.PauseAsync(job.Id, ct),
            await harness.Scheduler.CancelAsync(job.Id, ct),
            await harness.Scheduler.ResumeAsync(job.Id, ct),
            await harness.Scheduler.RetryAsync(job.Id, ct),
            await harness.Scheduler.DismissAsync(job.Id, ct),
        ];

        Assert.All(results, r =>
        {
            Assert.Equal(JobActionOutcome.ShuttingDown, r.Outcome);
            Assert.StartsWith("HFDesk is shutting down", r.Message, StringComparison.Ordinal);
        });
        Assert.Equal(JobStatus.Queued, harness.Scheduler.Find(job.Id)!.Status);
        Assert.Equal(JobStatus.Queued, Assert.Single(await harness.Store.LoadJobsAsync(ct)).Status);
        Assert.True(File.Exists(partial), "a refused cancel must not delete the partial");
    }
}
