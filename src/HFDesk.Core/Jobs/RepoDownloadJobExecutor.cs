using System.Collections.Concurrent;
using HFDesk.Core.Downloads;
using HFDesk.Core.Hub;
using HFDesk.Core.Jobs.Execution;
using HFDesk.Core.Planning;
using HFDesk.Core.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace HFDesk.Core.Jobs;

/// <summary>
/// The production executor: plans the job against the Hub and runs it through <see cref="RepoDownloadRunner"/>
/// built by the <see cref="DownloadEngine"/> with the settings of the moment (its bandwidth limiter is shared by
/// every job: maxSpeed is global).
/// </summary>
internal sealed partial class RepoDownloadJobExecutor(
    DownloadEngine engine,
    ILogger<RepoDownloadJobExecutor>? logger = null) : IJobExecutor
{
    private readonly ILogger _logger = (ILogger?)logger ?? NullLogger.Instance;

    // The last run of each job, so cancel can name its partial files without asking the Hub again.
    private readonly ConcurrentDictionary<JobId, RepoDownloadRun> _runs = new();

    public async Task RunAsync(Job job, JobProgressTracker progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        ArgumentNullException.ThrowIfNull(progress);

        // The tracker learns the phase and the commit from the run's events; presence is the run's, looked at once.
        var hub = engine.CreateHub();
        var run = await PlanAsync(hub, job, progress, cancellationToken);
        progress.SetPlan(run.Plan.Files.Select(f => new PlannedJobFile(f.Path, f.Size, run.IsPresent(f), f.Oid, f.LfsSha256)));
        if (run.Plan.TotalFiles == 0)
        {
            throw new InvalidOperationException("No file of the repository matches the filters");
        }

        await engine.CreateRunner(hub).RunAsync(run, engine.Options(), progress, cancellationToken);
        _runs.TryRemove(job.Id, out _);
    }

    public async Task DeletePartialsAsync(Job job, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        if (!_runs.TryRemove(job.Id, out var run))
        {
            if (job.Commit is null)
            {
                return; // Never planned: nothing was written.
            }

            if (RecordedFiles(job) is { } recorded)
            {
                // Restart, Hub unreachable or not: the job recorded which blobs are its own.
                RepoDownloadRunner.DeletePartials(Open(job, job.Commit), recorded);
                return;
            }

            try
            {
                run = await PlanAsync(engine.CreateHub(), job, null, cancellationToken);
            }
            catch (HubException ex)
            {
                // Without the file list the partials cannot be named; leaving them is safer than guessing.
                LogPartialsUnknown(_logger, job.Id, ex);
                return;
            }

            _runs.TryRemove(job.Id, out _);
        }

        RepoDownloadRunner.DeletePartials(run);
    }

    public Job WithBytesOnDisk(Job job)
    {
        ArgumentNullException.ThrowIfNull(job);
        if (job.Commit is null || RecordedFiles(job) is null)
        {
            return job;
        }

        var target = Open(job, job.Commit);
        return job with
        {
            Files = [.. job.Files.Select(f => f.Status is JobFileStatus.Complete or JobFileStatus.Skipped
                ? f
                : f with { Downloaded = BytesOnDisk(target, new RepoFile(f.Path, f.TotalBytes, f.Oid!, f.LfsSha256), job.Commit) })],
        };
    }

    // What a resume keeps: all of a committed file, else the ranges its journal records (never the preallocated length).
    private static long BytesOnDisk(IStorageTarget target, RepoFile file, string commit)
    {
        if (target.IsPresent(file))
        {
            return file.Size;
        }

        var journal = TransferJournal.TryLoad(target.PathsFor(file).JournalPath);
        if (journal is null || journal.Size != file.Size
            || (journal.Commit is { } journalCommit && !string.Equals(journalCommit, commit, StringComparison.OrdinalIgnoreCase)))
        {
            return 0;
        }

        return Math.Min(file.Size, journal.Completed.Sum(r => r.Length));
    }

    // Null for jobs stored before the plan's blob ids were kept with them (or never planned).
    private static List<RepoFile>? RecordedFiles(Job job) =>
        job.Files.Count > 0 && job.Files.All(f => f.Oid is not null)
            ? [.. job.Files.Select(f => new RepoFile(f.Path, f.TotalBytes, f.Oid!, f.LfsSha256))]
            : null;

    private static IStorageTarget Open(Job job, string commit) =>
        job.Destination.ToStorageDestination().Open(job.Request.Type, job.Repo, commit);

    private async Task<RepoDownloadRun> PlanAsync(HubClient hub, Job job, IDownloadObserver? observer, CancellationToken cancellationToken)
    {
        // A job that already ran resumes at the commit it first resolved: its partial blobs belong to that
        // commit even if the branch has moved since.
        var request = job.Request;
        var filter = new FilterSpec(request.Filters, request.Excludes, request.ExactMatch);
        observer?.PhaseChanged(DownloadPhase.Planning);
        var plan = await new DownloadPlanner(hub).PlanAsync(
            new DownloadPlanRequest(request.Repo, request.Type, job.Commit ?? request.Revision, filter),
            cancellationToken);
        var run = RepoDownloadRun.Open(plan with { Revision = request.Revision }, job.Destination.ToStorageDestination());
        _runs[job.Id] = run;
        return run;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not list the files of job {JobId} to delete its partials")]
    private static partial void LogPartialsUnknown(ILogger logger, JobId jobId, Exception exception);
}
