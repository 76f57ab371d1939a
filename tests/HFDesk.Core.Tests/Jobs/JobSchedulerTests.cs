using HFDesk.Core.Hub;
using HFDesk.Core.Jobs;

namespace HFDesk.Core.Tests.Jobs;

public sealed class JobSchedulerTests
{
    [Fact(Timeout = 120_000)]
    public async Task Enqueue_ThreeJobsOneSlot_RunOldestFirstOneAtATime()
    {
        await using var harness = new SchedulerHarness(maxConcurrentJobs: 1);
        harness.Executor.Gate = FileWritingExecutor.ClosedGate();
        await harness.Scheduler.StartAsync(TestContext.Current.CancellationToken);

        var a = await harness.EnqueueAsync("o/a");
        var b = await harness.EnqueueAsync("o/b");
        var c = await harness.EnqueueAsync("o/c");
        await JobWaiter.WaitForStatusAsync(harness.Scheduler, a.Id, JobStatus.Running);
        Assert.Equal(JobStatus.Queued, harness.Scheduler.Find(b.Id)!.Status);
        Assert.Equal(JobStatus.Queued, harness.Scheduler.Find(c.Id)!.Status);

        harness.Executor.Gate.SetResult();
        await JobWaiter.WaitForStatusAsync(harness.Scheduler, c.Id, JobStatus.Completed);

        Assert.Equal([a.Id, b.Id, c.Id], harness.Executor.Starts);
        Assert.Equal(1, harness.Executor.MaxRunning);
        Assert.All(harness.Scheduler.GetJobs(), j => Assert.Equal(JobStatus.Completed, j.Status));
    }

    [Fact(Timeout = 120_000)]
    public async Task Enqueue_TwoSlots_RunsExactlyTwoAtOnce()
    {
        await using var harness = new SchedulerHarness(maxConcurrentJobs: 2);
        harness.Executor.Gate = FileWritingExecutor.ClosedGate();
        await harness.Scheduler.StartAsync(TestContext.Current.CancellationToken);

        var jobs = new List<Job>();
        foreach (var name in new[] { "o/a", "o/b", "o/c", "o/d" })
        {
            jobs.Add(await harness.EnqueueAsync(name));
        }

        // Both first jobs, each in its own wait: the two slots start them concurrently, so the second can be marked
        // running before the first is (a lone wait for the second then counted one).
        await JobWaiter.WaitForStatusAsync(harness.Scheduler, jobs[0].Id, JobStatus.Running);
        await JobWaiter.WaitForStatusAsync(harness.Scheduler, jobs[1].Id, JobStatus.Running);
        Assert.Equal(2, harness.Scheduler.GetJobs().Count(j => j.Status == JobStatus.Running));
        harness.Executor.Gate.SetResult();
        foreach (var job in jobs)
        {
            await JobWaiter.WaitForStatusAsync(harness.Scheduler, job.Id, JobStatus.Completed);
        }

        Assert.Equal(2, harness.Executor.MaxRunning);
    }

    [Fact(Timeout = 120_000)]
    public async Task Refresh_LimitRaisedWhileJobsWait_StartsTheNextQueuedJob()
    {
        await using var harness = new SchedulerHarness(maxConcurrentJobs: 1);
        harness.Executor.Gate = FileWritingExecutor.ClosedGate();
        await harness.Scheduler.StartAsync(TestContext.Current.CancellationToken);
        var a = await harness.EnqueueAsync("o/a");
        var b = await harness.EnqueueAsync("o/b");
        await JobWaiter.WaitForStatusAsync(harness.Scheduler, a.Id, JobStatus.Running);
        Assert.Equal(JobStatus.Queued, harness.Scheduler.Find(b.Id)!.Status);

        harness.MaxConcurrentJobs = 2;
        await harness.Scheduler.RefreshAsync(TestContext.Current.CancellationToken);

        await JobWaiter.WaitForStatusAsync(harness.Scheduler, b.Id, JobStatus.Running);
        Assert.Equal(JobStatus.Running, harness.Scheduler.Find(a.Id)!.Status);
    }

    [Fact(Timeout = 120_000)]
    public async Task Enqueue_SameRequestWhileActive_ReturnsExistingJob_DifferentFiltersMakeANewOne()
    {
        await using var harness = new SchedulerHarness();
        harness.Executor.Gate = FileWritingExecutor.ClosedGate();
        await harness.Scheduler.StartAsync(TestContext.Current.CancellationToken);
        var first = await harness.EnqueueAsync("o/a", "q4_k_m", "mmproj");

        var same = await harness.Scheduler.EnqueueAsync(
            SchedulerHarness.Request("O/A", "MMPROJ", "q4_k_m"), harness.Destination, TestContext.Current.CancellationToken);
        var other = await harness.Scheduler.EnqueueAsync(
            SchedulerHarness.Request("o/a", "q8_0"), harness.Destination, TestContext.Current.CancellationToken);
        var elsewhere = await harness.Scheduler.EnqueueAsync(
            SchedulerHarness.Request("o/a", "q4_k_m", "mmproj"), harness.Destination with { Flat = true }, TestContext.Current.CancellationToken);

        Assert.True(same.Duplicate);
        Assert.Equal(first.Id, same.Job!.Id);
        Assert.False(other.Duplicate);
        Assert.False(elsewhere.Duplicate);
        Assert.Equal(3, harness.Scheduler.GetJobs().Count);
    }

    [Fact(Timeout = 120_000)]
    public async Task Pause_RunningJob_KeepsPartial_ResumeContinuesFromItAndCompletesWithCorrectBytes()
    {
        await using var harness = new SchedulerHarness();
        harness.Executor.Gate = FileWritingExecutor.ClosedGate();
        await harness.Scheduler.StartAsync(TestContext.Current.CancellationToken);
        var job = await harness.EnqueueAsync("o/a");
        await JobWaiter.WaitForStatusAsync(harness.Scheduler, job.Id, JobStatus.Running);
        var partial = Path.Combine(FileWritingExecutor.FolderOf(job), "weights.bin.part");
        await WaitUntilAsync(() => File.Exists(partial) && new FileInfo(partial).Length > 0);

        var paused = await harness.Scheduler.PauseAsync(job.Id, TestContext.Current.CancellationToken);

        Assert.Equal(JobActionOutcome.Done, paused.Outcome);
        Assert.Equal(JobStatus.Paused, paused.Job!.Status);
        var keptBytes = new FileInfo(partial).Length;
        Assert.InRange(keptBytes, 1, (96 * 1024) - 1);

        harness.Executor.Gate.SetResult();
        var resumed = await harness.Scheduler.ResumeAsync(job.Id, TestContext.Current.CancellationToken);
        Assert.Equal(JobActionOutcome.Done, resumed.Outcome);
        var done = await JobWaiter.WaitForStatusAsync(harness.Scheduler, job.Id, JobStatus.Completed);

        Assert.Contains(harness.Executor.Resumes, r => r.Job == job.Id && r.Path == "weights.bin" && r.OnDisk == keptBytes);
        AssertFileContent(Path.Combine(FileWritingExecutor.FolderOf(job), "weights.bin"), 96 * 1024);
        Assert.Equal(2, done.Progress.CompletedFiles);
        Assert.Equal(done.Progress.TotalBytes, done.Progress.DownloadedBytes);
        Assert.NotNull(done.EndedAt);
        Assert.Equal(new string('c', 40), done.Commit);
    }

    [Fact(Timeout = 120_000)]
    public async Task Cancel_RunningJob_DeletesPartialsAndEndsCancelled()
    {
        await using var harness = new SchedulerHarness();
        var (job, partial) = await harness.StartBlockedMidDownloadAsync();

        var cancelled = await harness.Scheduler.CancelAsync(job.Id, TestContext.Current.CancellationToken);

        Assert.Equal(JobActionOutcome.Done, cancelled.Outcome);
        Assert.Equal(JobStatus.Cancelled, cancelled.Job!.Status);
        Assert.False(File.Exists(partial));
        var history = await harness.Store.GetHistoryAsync(10, 0, TestContext.Current.CancellationToken);
        Assert.Equal(JobStatus.Cancelled, Assert.Single(history.Entries).Status);
    }

    [Fact(Timeout = 120_000)]
    public async Task Cancel_PausedJob_DeletesPartials()
    {
        await using var harness = new SchedulerHarness();
        var (job, partial) = await harness.StartBlockedMidDownloadAsync();
        await harness.Scheduler.PauseAsync(job.Id, TestContext.Current.CancellationToken);
        Assert.True(File.Exists(partial));

        var cancelled = await harness.Scheduler.CancelAsync(job.Id, TestContext.Current.CancellationToken);

        Assert.Equal(JobStatus.Cancelled, cancelled.Job!.Status);
        Assert.False(File.Exists(partial));
    }

    [Fact(Timeout = 120_000)]
    public async Task Failure_ThenRetry_Completes_AndHistoryHasBothEnds()
    {
        await using var harness = new SchedulerHarness();
        harness.Executor.FailTimes("o/a", 1);
        await harness.Scheduler.StartAsync(TestContext.Current.CancellationToken);
        var job = await harness.EnqueueAsync("o/a");

        var failed = await JobWaiter.WaitForStatusAsync(harness.Scheduler, job.Id, JobStatus.Failed);
        Assert.Equal("disk on fire", failed.Error);
        var retried = await harness.Scheduler.RetryAsync(job.Id, TestContext.Current.CancellationToken);
        Assert.Equal(JobActionOutcome.Done, retried.Outcome);
        await JobWaiter.WaitForStatusAsync(harness.Scheduler, job.Id, JobStatus.Completed);

        var history = await harness.Store.GetHistoryAsync(10, 0, TestContext.Current.CancellationToken);
        Assert.Equal([JobStatus.Completed, JobStatus.Failed], history.Entries.Select(e => e.Status));
        Assert.All(history.Entries, e => Assert.Equal(job.Id, e.JobId));
    }

    [Fact(Timeout = 120_000)]
    public async Task Actions_WrongStateOrUnknownId_AnswerConflictOrNotFound()
    {
        await using var harness = new SchedulerHarness();
        harness.Executor.Gate = FileWritingExecutor.ClosedGate();
        await harness.Scheduler.StartAsync(TestContext.Current.CancellationToken);
        var job = await harness.EnqueueAsync("o/a");
        await JobWaiter.WaitForStatusAsync(harness.Scheduler, job.Id, JobStatus.Running);

        Assert.Equal(JobActionOutcome.Conflict, (await harness.Scheduler.ResumeAsync(job.Id, TestContext.Current.CancellationToken)).Outcome);
        Assert.Equal(JobActionOutcome.Conflict, (await harness.Scheduler.RetryAsync(job.Id, TestContext.Current.CancellationToken)).Outcome);
        Assert.Equal(JobActionOutcome.Conflict, (await harness.Scheduler.DismissAsync(job.Id, TestContext.Current.CancellationToken)).Outcome);
        Assert.Equal(JobActionOutcome.NotFound, (await harness.Scheduler.PauseAsync(JobId.New(), TestContext.Current.CancellationToken)).Outcome);
        Assert.Equal(JobActionOutcome.NotFound, (await harness.Scheduler.DismissAsync(JobId.New(), TestContext.Current.CancellationToken)).Outcome);
        Assert.Equal(JobStatus.Running, harness.Scheduler.Find(job.Id)!.Status);
    }

    // Regression (issue 12 item 8): a cancel whose request was aborted after the partials were deleted never
    // marked the job cancelled (the request's token reached the store write). The abort is simulated exactly there.
    [Fact(Timeout = 120_000)]
    public async Task Cancel_RequestAbortedAfterPartialsDeleted_StillMarksJobCancelled()
    {
        await using var harness = new SchedulerHarness();
        var (job, partial) = await harness.StartBlockedMidDownloadAsync();
        await harness.Scheduler.PauseAsync(job.Id, TestContext.Current.CancellationToken);
        using var request = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        harness.Executor.PartialsDeleted = _ => request.Cancel();

        try
        {
            await harness.Scheduler.CancelAsync(job.Id, request.Token);
        }
        catch (OperationCanceledException)
        {
            // The caller went away; what matters is the state it left behind.
        }

        Assert.True(request.IsCancellationRequested);
        Assert.False(File.Exists(partial));
        Assert.Equal(JobStatus.Cancelled, harness.Scheduler.Find(job.Id)!.Status);
        var stored = (await harness.Store.LoadJobsAsync(TestContext.Current.CancellationToken)).Single(j => j.Id == job.Id);
        Assert.Equal(JobStatus.Cancelled, stored.Status);
    }

    [Fact(Timeout = 120_000)]
    public async Task Dismiss_RequestAbortedAfterPartialsDeleted_StillRemovesTheJob()
    {
        await using var harness = new SchedulerHarness();
        var (job, _) = await harness.StartBlockedMidDownloadAsync();
        await harness.Scheduler.CancelAsync(job.Id, TestContext.Current.CancellationToken);
        using var request = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        harness.Executor.PartialsDeleted = _ => request.Cancel();

        try
        {
            await harness.Scheduler.DismissAsync(job.Id, request.Token);
        }
        catch (OperationCanceledException)
        {
            // As above: only the state counts.
        }

        Assert.True(request.IsCancellationRequested);
        Assert.Null(harness.Scheduler.Find(job.Id));
        Assert.DoesNotContain(await harness.Store.LoadJobsAsync(TestContext.Current.CancellationToken), j => j.Id == job.Id);
    }

    [Fact(Timeout = 120_000)]
    public async Task Dismiss_CompletedJob_RemovesItPublishesEventAndKeepsHistory()
    {
        await using var harness = new SchedulerHarness();
        await harness.Scheduler.StartAsync(TestContext.Current.CancellationToken);
        var job = await harness.EnqueueAsync("o/a");
        await JobWaiter.WaitForStatusAsync(harness.Scheduler, job.Id, JobStatus.Completed);
        using var subscription = harness.Events.Subscribe();

        var dismissed = await harness.Scheduler.DismissAsync(job.Id, TestContext.Current.CancellationToken);

        Assert.Equal(JobActionOutcome.Done, dismissed.Outcome);
        Assert.Null(harness.Scheduler.Find(job.Id));
        Assert.True(subscription.Reader.TryRead(out var notice));
        Assert.Equal(JobNotice.JobDismissed, Assert.IsType<JobNotice>(notice).Kind);
        Assert.Equal(job.Id, ((JobNotice)notice).JobId);
        Assert.Empty(await harness.Store.LoadJobsAsync(TestContext.Current.CancellationToken));
        Assert.Equal(1, (await harness.Store.GetHistoryAsync(10, 0, TestContext.Current.CancellationToken)).Total);
        Assert.True(File.Exists(Path.Combine(FileWritingExecutor.FolderOf(job), "weights.bin")));
    }

    [Fact(Timeout = 120_000)]
    public async Task Restart_AfterGracefulStop_RunningJobComesBackQueuedAndResumes_PausedStaysPaused()
    {
        var root = Directory.CreateTempSubdirectory("hfdesk-restart-").FullName;
        try
        {
            JobId runningId, pausedId;
            long keptBytes;
            await using (var first = new SchedulerHarness(maxConcurrentJobs: 2, root: root))
            {
                first.Executor.Gate = FileWritingExecutor.ClosedGate();
                await first.Scheduler.StartAsync(TestContext.Current.CancellationToken);
                var running = await first.EnqueueAsync("o/running");
                var paused = await first.EnqueueAsync("o/paused");
                await JobWaiter.WaitForStatusAsync(first.Scheduler, paused.Id, JobStatus.Running);
                await first.Scheduler.PauseAsync(paused.Id, TestContext.Current.CancellationToken);
                var partial = Path.Combine(FileWritingExecutor.FolderOf(running), "weights.bin.part");
                await WaitUntilAsync(() => File.Exists(partial) && new FileInfo(partial).Length > 0);

                await first.Scheduler.StopAsync(TestContext.Current.CancellationToken);

                Assert.Equal(JobStatus.Queued, first.Scheduler.Find(running.Id)!.Status);
                keptBytes = new FileInfo(partial).Length;
                (runningId, pausedId) = (running.Id, paused.Id);
            }

            await using var second = new SchedulerHarness(maxConcurrentJobs: 2, root: root);
            await second.Scheduler.StartAsync(TestContext.Current.CancellationToken);

            var done = await JobWaiter.WaitForStatusAsync(second.Scheduler, runningId, JobStatus.Completed);
            Assert.Equal(JobStatus.Paused, second.Scheduler.Find(pausedId)!.Status);
            Assert.Equal(2, second.Scheduler.GetJobs().Count);
            Assert.Contains(second.Executor.Resumes, r => r.Job == runningId && r.Path == "weights.bin" && r.OnDisk == keptBytes);
            AssertFileContent(Path.Combine(FileWritingExecutor.FolderOf(done), "weights.bin"), 96 * 1024);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact(Timeout = 120_000)]
    public async Task Restart_AfterCrashWithJobStoredRunning_JobIsRequeuedAndCompletesOnce()
    {
        await using var harness = new SchedulerHarness();
        var crashed = JobStateMachine.Apply(
            JobStateMachineTests.JobIn(JobStatus.Queued) with
            {
                Request = SchedulerHarness.Request("o/crashed"),
                Destination = harness.Destination,
            },
            JobAction.Start,
            DateTimeOffset.UtcNow).Next!;
        await harness.Store.SaveAsync(crashed, TestContext.Current.CancellationToken);

        await harness.Scheduler.StartAsync(TestContext.Current.CancellationToken);

        await JobWaiter.WaitForStatusAsync(harness.Scheduler, crashed.Id, JobStatus.Completed);
        Assert.Single(harness.Executor.Starts);
        Assert.Single(await harness.Store.LoadJobsAsync(TestContext.Current.CancellationToken));
        Assert.Equal(1, (await harness.Store.GetHistoryAsync(10, 0, TestContext.Current.CancellationToken)).Total);
    }

    [Fact(Timeout = 120_000)]
    public async Task Events_RunningJob_StatusChangesInOrderProgressOnlyWhileRunning()
    {
        await using var harness = new SchedulerHarness();
        using var subscription = harness.Events.Subscribe();
        await harness.Scheduler.StartAsync(TestContext.Current.CancellationToken);
        var job = await harness.EnqueueAsync("o/a");
        await JobWaiter.WaitForStatusAsync(harness.Scheduler, job.Id, JobStatus.Completed);

        // The cache notice follows the completed update: read until it has come, not only what is there now.
        var updates = new List<JobUpdated>();
        var notices = new List<JobNotice>();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        deadline.CancelAfter(TimeSpan.FromSeconds(30));
        while (notices.Count == 0 || subscription.Reader.TryPeek(out _))
        {
            var item = await subscription.Reader.ReadAsync(deadline.Token);
            if (item is JobNotice notice)
            {
                notices.Add(notice);
            }
            else
            {
                updates.Add(Assert.IsType<JobUpdated>(item));
            }
        }

        Assert.Equal(JobNotice.CacheChanged, Assert.Single(notices).Kind);

        Assert.Equal(
            [JobStatus.Queued, JobStatus.Running, JobStatus.Completed],
            updates.Where(u => u.StatusChanged).Select(u => u.Job.Status));
        Assert.Equal(JobStatus.Completed, updates[^1].Job.Status);
        Assert.All(updates.Where(u => !u.StatusChanged), u => Assert.Equal(JobStatus.Running, u.Job.Status));
    }

    [Fact]
    public async Task IsActive_QueuedJob_TrueUntilItEnds()
    {
        await using var harness = new SchedulerHarness();
        harness.Executor.Gate = FileWritingExecutor.ClosedGate();
        await harness.Scheduler.StartAsync(TestContext.Current.CancellationToken);
        var job = await harness.EnqueueAsync("o/a");

        Assert.True(harness.Scheduler.IsActive(RepoType.Model, RepoId.Parse("o/a")));
        Assert.False(harness.Scheduler.IsActive(RepoType.Dataset, RepoId.Parse("o/a")));
        await harness.Scheduler.CancelAsync(job.Id, TestContext.Current.CancellationToken);
        Assert.False(harness.Scheduler.IsActive(RepoType.Model, RepoId.Parse("o/a")));
    }

    private static void AssertFileContent(string path, int size)
    {
        var bytes = File.ReadAllBytes(path);
        Assert.Equal(size, bytes.Length);
        var name = Path.GetFileName(path);
        for (var i = 0; i < bytes.Length; i++)
        {
            if (bytes[i] != FileWritingExecutor.ExpectedByte(name, i))
            {
                Assert.Fail($"{name}: wrong byte at offset {i}");
            }
        }
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "condition not reached within 60 s");
            await Task.Delay(10, TestContext.Current.CancellationToken);
        }
    }
}
