namespace HFDesk.Cli.Rendering;

internal sealed record DownloadPlanFileOutput(string Path, long Size, bool Lfs, string? Sha256, bool Present);
