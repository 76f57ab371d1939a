namespace HFDesk.Core.Jobs;

/// <summary>
/// The one place that knows which status changes api.md allows: queued → running → completed | failed |
/// cancelled; running ↔ paused with resume going through queued; retry takes failed/cancelled back to queued;
/// dismiss only for terminal jobs.
/// </summary>
internal static class JobStateMachine
{
    public static JobTransition Apply(Job job, JobAction action, DateTimeOffset now, string? error = null)
    {
        ArgumentNullException.ThrowIfNull(job);
        var status = job.Status;
        Job? next = action switch
        {
            JobAction.Start when status == JobStatus.Queued => job with
            {
                Status = JobStatus.Running,
                Phase = JobPhase.Planning,
                StartedAt = now,
                EndedAt = null,
                Error = null,
            },
            JobAction.Pause when status is JobStatus.Queued or JobStatus.Running => Idle(job, JobStatus.Paused),
            JobAction.Resume when status == JobStatus.Paused => Idle(job, JobStatus.Queued),
            JobAction.Interrupt when status == JobStatus.Running => Idle(job, JobStatus.Queued),
            JobAction.Retry when status is JobStatus.Failed or JobStatus.Cancelled => Idle(job, JobStatus.Queued) with
            {
                Error = null,
                EndedAt = null,
            },
            JobAction.Complete when status == JobStatus.Running => Ended(job, JobStatus.Completed, now) with { Error = null },
            JobAction.Fail when status == JobStatus.Running => Ended(job, JobStatus.Failed, now) with
            {
                Error = string.IsNullOrWhiteSpace(error) ? "Download failed" : error,
            },
            JobAction.Cancel when status.IsActive() => Ended(job, JobStatus.Cancelled, now),
            JobAction.Dismiss when status.IsTerminal() => job,
            _ => null,
        };

        return next is null
            ? new JobTransition(null, ConflictMessage(job, action))
            : new JobTransition(next, null);
    }

    private static Job Idle(Job job, JobStatus status) => job with
    {
        Status = status,
        Phase = null,
        Progress = job.Progress with { BytesPerSecond = 0, EtaSeconds = null, Activity = null },
    };

    private static Job Ended(Job job, JobStatus status, DateTimeOffset now) => Idle(job, status) with { EndedAt = now };

    private static string ConflictMessage(Job job, JobAction action)
    {
        var what = action switch
        {
            JobAction.Pause => "only a queued or running job can be paused",
            JobAction.Resume => "only a paused job can be resumed",
            JobAction.Retry => "only a failed or cancelled job can be retried",
            JobAction.Cancel => "it has already ended",
            JobAction.Dismiss => "only a completed, failed or cancelled job can be dismissed; cancel it first",
            _ => $"'{action}' is not allowed now",
        };
        return $"Job {job.Id} is {job.Status.Word()}: {what}";
    }
}
