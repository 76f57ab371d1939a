namespace HFDesk.Core.Jobs;

/// <summary>
/// One file of a job. <see cref="Oid"/> and <see cref="LfsSha256"/> come from the plan: with the path and the job's
/// commit they name the file's temp and journal paths, so a cancel after a restart deletes the partials without
/// asking the Hub.
/// </summary>
internal sealed record JobFile(
    string Path, long TotalBytes, long Downloaded, JobFileStatus Status, string? Error = null, string? Oid = null, string? LfsSha256 = null);
