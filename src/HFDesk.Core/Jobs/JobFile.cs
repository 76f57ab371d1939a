namespace HFDesk.Core.Jobs;

internal sealed record JobFile(string Path, long TotalBytes, long Downloaded, JobFileStatus Status, string? Error = null);
