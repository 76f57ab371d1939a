using HFDesk.Core.Hub;
using HFDesk.Core.Jobs;
using Microsoft.Data.Sqlite;

namespace HFDesk.Core.Tests.Jobs;

/// <summary>A scheduler on a real SQLite file in a temp directory, with a file-writing executor.</summary>
internal sealed class SchedulerHarness : IAsyncDisposable
{
    private readonly bool _ownsDirectory;

    public SchedulerHarness(int maxConcurrentJobs = 1, FileWritingExecutor? executor = null, string? root = null, TimeProvider? time = null)
    {
        _ownsDirectory = root is null;
        Root = root ?? Directory.CreateTempSubdirectory("hfdesk-jobs-").FullName;
        MaxConcurrentJobs = maxConcurrentJobs;
        Executor = executor ?? new FileWritingExecutor();
        Store = JobStore.InDataDirectory(Path.Combine(Root, "data"));
        Time = time ?? TimeProvider.System;
        Events = new JobEvents(Time);
        Scheduler = new JobScheduler(Store, Executor, Events, Time, () => MaxConcurrentJobs);
    }

    public string Root { get; }

    public int MaxConcurrentJobs { get; set; }

    public TimeProvider Time { get; }

    public FileWritingExecutor Executor { get; }

    public JobStore Store { get; }

    public JobEvents Events { get; }

    public JobScheduler Scheduler { get; }

    public JobDestination Destination => new(Path.Combine(Root, "out"), Path.Combine(Root, "out", "hub"), Flat: false);

    public static JobRequest Request(string repo, params string[] filters) =>
        new() { Repo = RepoId.Parse(repo), Filters = filters };

    public async Task<Job> EnqueueAsync(string repo, params string[] filters)
    {
        var result = await Scheduler.EnqueueAsync(Request(repo, filters), Destination, TestContext.Current.CancellationToken);
        Assert.Equal(JobEnqueueOutcome.Created, result.Outcome);
        return result.Job!;
    }

    /// <summary>One job running with its partial file on disk, held there by a closed gate.</summary>
    public async Task<(Job Job, string Partial)> StartBlockedMidDownloadAsync()
    {
        Executor.Gate = FileWritingExecutor.ClosedGate();
        await Scheduler.StartAsync(TestContext.Current.CancellationToken);
        var job = await EnqueueAsync("o/a");
        await JobWaiter.WaitForStatusAsync(Scheduler, job.Id, JobStatus.Running);
        var partial = Path.Combine(FileWritingExecutor.FolderOf(job), "weights.bin.part");
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!File.Exists(partial))
        {
            Assert.True(DateTime.UtcNow < deadline, "the partial never appeared within 60 s");
            await Task.Delay(10, TestContext.Current.CancellationToken);
        }

        return (job, partial);
    }

    public async ValueTask DisposeAsync()
    {
        Executor.Gate.TrySetResult();
        await Scheduler.DisposeAsync();
        Events.Dispose();
        if (_ownsDirectory)
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(Root, recursive: true);
        }
    }
}
