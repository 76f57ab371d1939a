namespace HFDesk.Core.Jobs;

internal sealed record JobHistoryPage(IReadOnlyList<JobHistoryEntry> Entries, int Total);
