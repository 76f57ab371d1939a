namespace HFDesk.Server.Contracts;

public sealed record MirrorErrorResponse(string Repo, string? Path, string Message);
