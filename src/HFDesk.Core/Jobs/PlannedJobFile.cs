namespace HFDesk.Core.Jobs;

/// <summary>
/// A file the executor planned: <see cref="Present"/> when already complete at the destination. The blob ids travel
/// on into the job's <see cref="JobFile"/>s so its partials can be named offline.
/// </summary>
internal sealed record PlannedJobFile(string Path, long Size, bool Present, string? Oid = null, string? LfsSha256 = null);
