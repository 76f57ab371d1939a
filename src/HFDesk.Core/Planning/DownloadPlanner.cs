using HFDesk.Core.Hub;
using HFDesk.Core.Storage;

namespace HFDesk.Core.Planning;

/// <summary>
/// Resolves the revision to a commit, lists that commit's tree (never the moving branch, so the files all come
/// from one commit), selects files, and marks those already complete at the destination.
/// </summary>
internal sealed class DownloadPlanner(HubClient hub)
{
    public async Task<DownloadPlan> PlanAsync(DownloadPlanRequest request, StorageDestination destination, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(destination);

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
        var selected = FileSelector.Select(tree, request.Filter);
        var target = destination.Open(request.Type, request.Repo, commit);

        // IsPresent confines every path: a hostile name fails the plan here, before anything is written. The
        // oids name blobs and verify bytes, so one that is not hex fails here too, naming the file (issue 12).
        var files = selected.Select(f => new PlannedFile(RequireHexIds(f), target.IsPresent(f))).ToList();
        return new DownloadPlan
        {
            Repo = request.Repo,
            Type = request.Type,
            Revision = request.Revision,
            Commit = commit,
            Filter = request.Filter,
            Destination = target.OutputDir,
            Files = files,
            RepoFileCount = tree.Count,
            FreeSpace = target.AvailableFreeSpace(),
        };
    }

    private static RepoFile RequireHexIds(RepoFile file)
    {
        if (!HexName.IsCommit(file.Oid))
        {
            throw new UnsafePathException(file.Path, $"its git oid '{file.Oid}' is not 40 lowercase hex characters");
        }

        return file.LfsSha256 is { } sha256 && (sha256.Length != 64 || !HexName.IsBlob(sha256))
            ? throw new UnsafePathException(file.Path, $"its LFS sha256 '{sha256}' is not 64 lowercase hex characters")
            : file;
    }
}
