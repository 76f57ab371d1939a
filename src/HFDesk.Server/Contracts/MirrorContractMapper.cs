using HFDesk.Core.Hub;
using HFDesk.Core.Mirror;

namespace HFDesk.Server.Contracts;

internal static class MirrorContractMapper
{
    /// <summary>The one target list answer: <c>GET /api/mirror/targets</c> and <c>hfdesk mirror targets --json</c>.</summary>
    public static MirrorTargetListResponse ToListResponse(this IEnumerable<MirrorTargetStatus> targets) =>
        new([.. targets.Select(t => t.ToResponse())]);

    public static MirrorTargetResponse ToResponse(this MirrorTargetStatus s) =>
        new(s.Target.Name, s.Target.Path, s.Target.Description, s.Exists, s.Writable, s.Symlinks, s.Free, s.Total);

    public static MirrorDiffResponse ToResponse(this MirrorDiff diff) => new(
        diff.Target.Name,
        diff.Source,
        diff.Destination,
        [.. diff.Repos.Select(r => new MirrorRepoDiffResponse(
            r.Repo, r.Type.Word(), Word(r.State), r.LocalRefs, r.TargetRefs, r.FilesToPush, r.BytesToPush, r.FilesToPull, r.BytesToPull, r.Busy))],
        new MirrorDiffSummaryResponse(
            diff.Count(MirrorRepoState.Missing),
            diff.Count(MirrorRepoState.Extra),
            diff.Count(MirrorRepoState.Outdated),
            diff.Count(MirrorRepoState.Same),
            diff.BytesToPush,
            diff.BytesToPull));

    public static MirrorPlanResponse ToResponse(this MirrorPlan plan) => new(
        true,
        [.. plan.Repos.Select(r => new MirrorPlanRepoResponse(r.Repo, r.Type.Word(), r.Files, r.Bytes))],
        [.. plan.Deletions.Select(d => new MirrorPlanRepoResponse(d.Repo, d.Type.Word(), 0, d.Bytes))],
        plan.TotalFiles,
        plan.TotalBytes,
        plan.Skipped);

    public static MirrorOperationResponse ToResponse(this MirrorOperationSnapshot o) => new(
        o.Id,
        Word(o.Kind),
        o.Target,
        o.Status.ToString().ToLowerInvariant(),
        new MirrorProgressResponse(o.Progress.FilesDone, o.Progress.FilesTotal, o.Progress.BytesDone, o.Progress.BytesTotal, o.Progress.BytesPerSecond, o.Progress.EtaSeconds, o.Progress.Repo),
        o.Copied,
        o.CopiedBytes,
        o.Deleted,
        o.Skipped,
        [.. o.Errors.Select(e => new MirrorErrorResponse(e.Repo, e.Path, e.Message))],
        o.StartedAt,
        o.EndedAt);

    public static MirrorRequest ToRequest(this MirrorOperationRequest body, MirrorDirection direction) => new(
        direction, body.Target ?? "", body.RepoFilter, body.DryRun ?? false, body.Verify ?? false, body.DeleteExtra ?? false, body.Force ?? false, body.Fsync ?? false);

    public static string Word(MirrorDirection direction) => direction == MirrorDirection.Push ? "push" : "pull";

    public static string Word(MirrorRepoState state) => state.ToString().ToLowerInvariant();
}
