namespace HFDesk.Server.Contracts;

internal sealed record PlanFileResponse(string Path, long Size, bool Lfs, string? Sha256, bool Present);
