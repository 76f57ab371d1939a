namespace HFDesk.Core.Jobs;

/// <summary>A file the executor planned: <paramref name="Present"/> when already complete at the destination.</summary>
internal sealed record PlannedJobFile(string Path, long Size, bool Present);
