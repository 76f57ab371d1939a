namespace HFDesk.Server.Contracts;

internal sealed record MirrorDiffRequest(string? Target, string? RepoFilter);
