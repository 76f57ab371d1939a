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

    // The last plan of each job, so cancel can name its partial files without asking the Hub again.
    private readonly ConcurrentDictionary<JobId, DownloadPlan> _plans = new();

    public async Task RunAsync(Job job, JobProgressTracker progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        ArgumentNullException.ThrowIfNull(progress);
        progress.SetPhase(JobPhase.Planning);
        var hub = engine.CreateHub();
        var plan = await PlanAsync(hub, job, cancellationToken);
        progress.SetCommit(plan.Commit);
        progress.SetPlan(plan.Files.Select(f => new PlannedJobFile(f.Path, f.Size, f.Present, f.File.Oid, f.File.LfsSha256)));
        if (plan.TotalFiles == 0)
        {
            throw new InvalidOperationException("No file of the repository matches the filters");
        }

        var runner = engine.CreateRunner(hub);
        var options = engine.Options();
        var target = job.Destination.ToStorageDestination().Open(plan.Type, plan.Repo, plan.Commit);
        await runner.RunAsync(plan, target, options, progress, cancellationToken);
        _plans.TryRemove(job.Id, out _);
    }

    public async Task DeletePartialsAsync(Job job, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        if (!_plans.TryRemove(job.Id, out var plan))
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
                plan = await PlanAsync(engine.CreateHub(), job, cancellationToken);
            }
            catch (HubException ex)
            {
                // Without the file list the partials cannot be named; leaving them is safer than guessing.
                LogPartialsUnknown(_logger, job.Id, ex);
                return;
            }

            _plans.TryRemove(job.Id, out _);
        }

        RepoDownloadRunner.DeletePartials(plan, job.Destination.ToStorageDestination().Open(plan.Type, plan.Repo, plan.Commit));
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

    private async Task<DownloadPlan> PlanAsync(HubClient hub, Job job, CancellationToken cancellationToken)
    {
        // A job that already ran resumes at the commit it first resolved: its partial blobs belong to that
        // commit even if the branch has moved since.
        var request = job.Request;
        var filter = new FilterSpec(request.Filters, request.Excludes, request.ExactMatch);
        var plan = await new DownloadPlanner(hub).PlanAsync(
            new DownloadPlanRequest(request.Repo, request.Type, job.Commit ?? request.Revision, filter),
            job.Destination.ToStorageDestination(),
            cancellationToken);
        plan = plan with { Revision = request.Revision };
        _plans[job.Id] = plan;
        return plan;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not list the files of job {JobId} to delete its partials")]
    private static partial void LogPartialsUnknown(ILogger logger, JobId jobId, Exception exception);
}
