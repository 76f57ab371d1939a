using HFDesk.Core.Hub;
using HFDesk.Core.Storage;

namespace HFDesk.Core.Planning;

/// <summary>
/// Resolves the revision to a commit, lists that commit's tree (never the moving branch, so the files all come
/// from one commit) and selects files. Knows no storage: what is already on disk is the run's question.
/// </summary>
internal sealed class DownloadPlanner(HubClient hub)
{
    public async Task<DownloadPlan> PlanAsync(DownloadPlanRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var info = await hub.GetRepoInfoAsync(request.Repo, request.Type, request.Revision, cancellationToken);
        var commit = info.Sha;
        if (commit is null || !HexName.IsCommit(commit))
        {
            throw new HubException(
                HubErrorKind.Upstream,
                $"The Hub did not give a commit for {request.Type.Word()} {request.Repo} at '{request.Revision}'.")
            {
                RepoUrl = hub.RepoPageUrl(request.Repo, request.Type).AbsoluteUri,
            };
        }

        var tree = await hub.GetTreeAsync(request.Repo, request.Type, commit, cancellationToken);
        return Plan(request, commit, tree);
    }

    /// <summary>The pure half: a commit's tree and a selection in, a plan out.</summary>
    public static DownloadPlan Plan(DownloadPlanRequest request, string commit, IReadOnlyList<RepoFile> tree)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(tree);

        // Names and oids become paths and verify bytes: a hostile name or an oid that is not hex fails the plan here,
        // naming the file, before any destination is opened (issue 12). Each layout still confines its own paths.
        var files = FileSelector.Select(tree, request.Filter).Select(RequireSafe).ToList();
        return new DownloadPlan
        {
            Repo = request.Repo,
            Type = request.Type,
            Revision = request.Revision,
            Commit = commit,
            Filter = request.Filter,
            Files = files,
            RepoFileCount = tree.Count,
        };
    }

    private static RepoFile RequireSafe(RepoFile file)
    {
        if (!PathConfinement.TryValidate(file.Path, OperatingSystem.IsWindows(), out var error))
        {
            throw new UnsafePathException(file.Path, error);
        }

        if (!HexName.IsCommit(file.Oid))
        {
            throw new UnsafePathException(file.Path, $"its git oid '{file.Oid}' is not 40 lowercase hex characters");
        }

        return file.LfsSha256 is { } sha256 && (sha256.Length != 64 || !HexName.IsBlob(sha256))
            ? throw new UnsafePathException(file.Path, $"its LFS sha256 '{sha256}' is not 64 lowercase hex characters")
            : file;
    }
}
