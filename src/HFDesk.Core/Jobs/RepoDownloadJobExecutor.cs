using System.Collections.Concurrent;
using HFDesk.Core.Downloads;
using HFDesk.Core.Hub;
using HFDesk.Core.Jobs.Execution;
using HFDesk.Core.Planning;
using HFDesk.Core.Settings;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace HFDesk.Core.Jobs;

/// <summary>
/// The production executor: plans the job against the Hub and runs it through <see cref="RepoDownloadRunner"/>
/// with the settings of the moment. One bandwidth limiter is shared by every job (maxSpeed is global).
/// </summary>
internal sealed partial class RepoDownloadJobExecutor(
    HubClientFactory hubClients,
    Func<HfDeskSettings> settings,
    BandwidthLimiter bandwidth,
    TimeProvider time,
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
        var hub = hubClients.Create();
        var plan = await PlanAsync(hub, job, cancellationToken);
        progress.SetCommit(plan.Commit);
        progress.SetPlan(plan.Files.Select(f => new PlannedJobFile(f.Path, f.Size, f.Present)));
        if (plan.TotalFiles == 0)
        {
            throw new InvalidOperationException("No file of the repository matches the filters");
        }

        var current = settings();
        bandwidth.BytesPerSecond = current.MaxSpeedBytesPerSecond;
        var runner = new RepoDownloadRunner(hub, new RangeDownloader(hub.BytesClient, bandwidth, time), time);
        var options = new RepoDownloadOptions
        {
            MaxActive = current.MaxActive,
            Transfer = TransferOptions.Default with
            {
                Connections = current.Connections,
                MultipartThreshold = current.MultipartThresholdBytes,
                Retries = current.Retries,
                StallTimeout = current.StallTimeoutSpan,
                Verify = ToTransferVerify(current.Verify),
            },
        };
        var target = job.Destination.ToStorageDestination().Open(plan.Type, plan.Repo, plan.Commit);
        await runner.RunAsync(plan, target, options, new DownloadEventProgress(progress), cancellationToken);
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

            try
            {
                plan = await PlanAsync(hubClients.Create(), job, cancellationToken);
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

    private static Downloads.VerifyMode ToTransferVerify(Settings.VerifyMode mode) => mode switch
    {
        Settings.VerifyMode.None => Downloads.VerifyMode.None,
        Settings.VerifyMode.Etag => Downloads.VerifyMode.Etag,
        Settings.VerifyMode.Sha256 => Downloads.VerifyMode.Sha256,
        _ => Downloads.VerifyMode.Size,
    };

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not list the files of job {JobId} to delete its partials")]
    private static partial void LogPartialsUnknown(ILogger logger, JobId jobId, Exception exception);
}
