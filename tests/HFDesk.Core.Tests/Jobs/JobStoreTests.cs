using HFDesk.Core.Hub;
using HFDesk.Core.Jobs;
using Microsoft.Data.Sqlite;

namespace HFDesk.Core.Tests.Jobs;

public sealed class JobStoreTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("hfdesk-store-").FullName;

    private string DatabasePath => Path.Combine(_root, "data", JobStore.DefaultFileName);

    [Fact]
    public async Task Save_ThenLoadFromNewInstance_RoundTripsEveryField()
    {
        var ct = TestContext.Current.CancellationToken;
        var job = JobStateMachineTests.JobIn(JobStatus.Paused) with
        {
            Request = new JobRequest
            {
                Repo = RepoId.Parse("unsloth/Qwen3-8B-GGUF"),
                Type = RepoType.Dataset,
                Revision = "refs/pr/1",
                Filters = ["q4_k_m", "mmproj"],
                Excludes = ["f32"],
                ExactMatch = true,
            },
            Commit = new string('a', 40),
            Files = [new JobFile("a/b.gguf", 100, 40, JobFileStatus.Pending)],
            Progress = new JobProgress { TotalFiles = 1, TotalBytes = 100, DownloadedBytes = 40 },
            StartedAt = DateTimeOffset.UnixEpoch.AddDays(1),
        };
        await new JobStore(DatabasePath).SaveAsync(job, ct);

        var loaded = Assert.Single(await new JobStore(DatabasePath).LoadJobsAsync(ct));

        Assert.Equal(job.Id, loaded.Id);
        Assert.Equal(job.Request.Repo, loaded.Request.Repo);
        Assert.Equal(RepoType.Dataset, loaded.Request.Type);
        Assert.Equal("refs/pr/1", loaded.Request.Revision);
        Assert.Equal(["q4_k_m", "mmproj"], loaded.Request.Filters);
        Assert.Equal(["f32"], loaded.Request.Excludes);
        Assert.True(loaded.Request.ExactMatch);
        Assert.Equal(JobStatus.Paused, loaded.Status);
        Assert.Equal(job.Destination, loaded.Destination);
        Assert.Equal(job.Files, loaded.Files);
        Assert.Equal(job.Progress, loaded.Progress);
        Assert.Equal(job.StartedAt, loaded.StartedAt);
        Assert.Equal(job.CreatedAt, loaded.CreatedAt);
    }

    [Fact]
    public async Task Save_TerminalTwice_WritesOneHistoryRow()
    {
        var ct = TestContext.Current.CancellationToken;
        var store = new JobStore(DatabasePath);
        var running = JobStateMachineTests.JobIn(JobStatus.Running);
        await store.SaveAsync(running, ct);
        var failed = JobStateMachine.Apply(running, JobAction.Fail, DateTimeOffset.UtcNow, "boom").Next!;

        await store.SaveAsync(failed, ct);
        await store.SaveAsync(failed, ct);

        var page = await new JobStore(DatabasePath).GetHistoryAsync(10, 0, ct);
        var entry = Assert.Single(page.Entries);
        Assert.Equal(1, page.Total);
        Assert.Equal(running.Id, entry.JobId);
        Assert.Equal(JobStatus.Failed, entry.Status);
        Assert.Equal("boom", entry.Error);
    }

    [Fact]
    public async Task History_RetriedJob_RecordsEachEndNewestFirstAndPages()
    {
        var ct = TestContext.Current.CancellationToken;
        var store = new JobStore(DatabasePath);
        var job = JobStateMachineTests.JobIn(JobStatus.Running);
        var now = DateTimeOffset.UtcNow;
        var failed = JobStateMachine.Apply(job, JobAction.Fail, now, "first").Next!;
        await store.SaveAsync(failed, ct);
        var again = JobStateMachine.Apply(JobStateMachine.Apply(failed, JobAction.Retry, now).Next!, JobAction.Start, now).Next!;
        await store.SaveAsync(again, ct);
        await store.SaveAsync(JobStateMachine.Apply(again, JobAction.Complete, now.AddSeconds(1)).Next!, ct);
        var other = JobStateMachineTests.JobIn(JobStatus.Queued);
        await store.SaveAsync(JobStateMachine.Apply(other, JobAction.Cancel, now.AddSeconds(2)).Next!, ct);

        var first = await store.GetHistoryAsync(2, 0, ct);
        var second = await store.GetHistoryAsync(2, 2, ct);

        Assert.Equal(3, first.Total);
        Assert.Equal([JobStatus.Cancelled, JobStatus.Completed], first.Entries.Select(e => e.Status));
        Assert.Equal(JobStatus.Failed, Assert.Single(second.Entries).Status);
    }

    [Fact]
    public async Task Delete_RemovesJobButKeepsHistory()
    {
        var ct = TestContext.Current.CancellationToken;
        var store = new JobStore(DatabasePath);
        var done = JobStateMachine.Apply(JobStateMachineTests.JobIn(JobStatus.Running), JobAction.Complete, DateTimeOffset.UtcNow).Next!;
        await store.SaveAsync(done, ct);

        await store.DeleteAsync(done.Id, ct);

        Assert.Empty(await store.LoadJobsAsync(ct));
        Assert.Equal(1, (await store.GetHistoryAsync(10, 0, ct)).Total);
    }

    [Fact]
    public async Task Open_NewDatabase_UsesWriteAheadLog()
    {
        var ct = TestContext.Current.CancellationToken;
        await new JobStore(DatabasePath).LoadJobsAsync(ct);

        await using var connection = new SqliteConnection($"Data Source={DatabasePath}");
        await connection.OpenAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode";
        Assert.Equal("wal", await command.ExecuteScalarAsync(ct) as string);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_root, recursive: true);
    }
}
