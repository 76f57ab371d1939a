using System.Diagnostics.CodeAnalysis;

namespace HFDesk.Core.Jobs;

/// <summary>The job a download request maps to, or why there is none.</summary>
internal sealed record JobEnqueueResult(JobEnqueueOutcome Outcome, Job? Job, string? Message = null)
{
    public const string ShuttingDownMessage = "HFDesk is shutting down; the download was not started";

    public static JobEnqueueResult ShuttingDown { get; } = new(JobEnqueueOutcome.ShuttingDown, null, ShuttingDownMessage);

    /// <summary>True when an active identical job already existed.</summary>
    public bool Duplicate => Outcome == JobEnqueueOutcome.Duplicate;

    [MemberNotNullWhen(true, nameof(Job))]
    public bool Accepted => Job is not null;

    public static JobEnqueueResult Created(Job job) => new(JobEnqueueOutcome.Created, job);

    public static JobEnqueueResult DuplicateOf(Job job) => new(JobEnqueueOutcome.Duplicate, job);
}
