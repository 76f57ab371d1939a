namespace HFDesk.Core.Jobs;

/// <summary>The job a download request maps to; <see cref="Duplicate"/> when an active identical job already existed.</summary>
internal sealed record JobEnqueueResult(Job Job, bool Duplicate);
