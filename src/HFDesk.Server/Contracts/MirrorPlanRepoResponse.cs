namespace HFDesk.Server.Contracts;

/// <summary>One repo of a dry run: the files and bytes that would travel (deletions leave <c>files</c> at 0).</summary>
internal sealed record MirrorPlanRepoResponse(string Repo, string Type, int Files, long Bytes);
