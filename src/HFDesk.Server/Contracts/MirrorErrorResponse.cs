namespace HFDesk.Server.Contracts;

internal sealed record MirrorErrorResponse(string Repo, string? Path, string Message);
