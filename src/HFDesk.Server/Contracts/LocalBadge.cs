namespace HFDesk.Server.Contracts;

internal sealed record LocalBadge(bool Present, IReadOnlyList<string> Sources, string? DownloadStatus);
