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

        // IsPresent confines every path: a hostile name fails the plan here, before anything is written.
        var files = selected.Select(f => new PlannedFile(f, target.IsPresent(f))).ToList();
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
}
