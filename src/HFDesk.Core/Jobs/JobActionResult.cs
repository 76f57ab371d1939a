namespace HFDesk.Core.Jobs;

internal sealed record JobActionResult(JobActionOutcome Outcome, Job? Job, string? Message)
{
    public static JobActionResult Done(Job job) => new(JobActionOutcome.Done, job, null);

    public static JobActionResult NotFound(JobId id) => new(JobActionOutcome.NotFound, null, $"Job {id} not found");

    public static JobActionResult Conflict(Job job, string message) => new(JobActionOutcome.Conflict, job, message);

    public static JobActionResult ShuttingDown(JobId id) =>
        new(JobActionOutcome.ShuttingDown, null, $"HFDesk is shutting down; job {id} was not changed");
}
