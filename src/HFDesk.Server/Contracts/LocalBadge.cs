namespace HFDesk.Server.Contracts;

public sealed record LocalBadge(bool Present, IReadOnlyList<string> Sources, string? DownloadStatus);
