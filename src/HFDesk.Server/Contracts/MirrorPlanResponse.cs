namespace HFDesk.Server.Contracts;

/// <summary>A dry run: exactly what the same request without <c>dryRun</c> would do; <c>skipped</c> lists busy repos.</summary>
internal sealed record MirrorPlanResponse(
    bool DryRun,
    IReadOnlyList<MirrorPlanRepoResponse> Copies,
    IReadOnlyList<MirrorPlanRepoResponse> Deletions,
    int TotalFiles,
    long TotalBytes,
    IReadOnlyList<string> Skipped);
