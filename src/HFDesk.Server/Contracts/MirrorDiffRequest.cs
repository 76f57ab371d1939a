namespace HFDesk.Server.Contracts;

public sealed record MirrorDiffRequest(string? Target, string? RepoFilter);
