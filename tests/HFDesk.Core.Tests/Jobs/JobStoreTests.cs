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

    [Fact]
    public async Task History_AVersionOneFile_GainsTheLanPullColumns_OldRowsReadAsDownloads()
    {
        var ct = TestContext.Current.CancellationToken;
        Directory.CreateDirectory(Path.GetDirectoryName(DatabasePath)!);
        // The history table as schema 1 wrote it, with one finished job.
        await using (var connection = new SqliteConnection($"Data Source={DatabasePath}"))
        {
            await connection.OpenAsync(ct);
            await using var create = connection.CreateCommand();
            create.CommandText = """
                CREATE TABLE jobs (id TEXT PRIMARY KEY, seq INTEGER NOT NULL, status TEXT NOT NULL, body TEXT NOT NULL);
                CREATE TABLE history (entry_id INTEGER PRIMARY KEY AUTOINCREMENT, job_id TEXT NOT NULL, repo TEXT NOT NULL,
                    revision TEXT NOT NULL, type TEXT NOT NULL, status TEXT NOT NULL, total_files INTEGER NOT NULL,
                    total_bytes INTEGER NOT NULL, output_dir TEXT NOT NULL, hub_dir TEXT, started_at TEXT, ended_at TEXT NOT NULL, error TEXT);
                INSERT INTO history (job_id, repo, revision, type, status, total_files, total_bytes, output_dir, ended_at)
                VALUES ('0123456789abcdef', 'a/b', 'main', 'model', 'completed', 1, 10, '/out', '2026-01-01T00:00:00.0000000+00:00');
                PRAGMA user_version = 1;
                """;
            await create.ExecuteNonQueryAsync(ct);
        }

        SqliteConnection.ClearAllPools();
        var store = new JobStore(DatabasePath);
        var pull = JobStateMachineTests.JobIn(JobStatus.Running) with { Source = JobSource.Hub, LanClient = "192.0.2.7" };
        await store.SaveAsync(pull, ct);
        await store.SaveAsync(JobStateMachine.Apply(pull, JobAction.Complete, DateTimeOffset.UtcNow).Next!, ct);

        var history = await store.GetHistoryAsync(10, 0, ct);
        Assert.Equal(2, history.Total);
        Assert.Equal((JobSource.Hub, "192.0.2.7"), (history.Entries[0].Source, history.Entries[0].LanClient));
        Assert.Equal((JobSource.Download, (string?)null), (history.Entries[1].Source, history.Entries[1].LanClient));
        var loaded = Assert.Single(await store.LoadJobsAsync(ct));
        Assert.Equal((JobSource.Hub, "192.0.2.7"), (loaded.Source, loaded.LanClient));
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_root, recursive: true);
    }
}
