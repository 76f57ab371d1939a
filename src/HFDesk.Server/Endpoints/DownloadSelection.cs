using HFDesk.Core.Analysis;
using HFDesk.Core.Hub;
using HFDesk.Core.Planning;

namespace HFDesk.Server.Endpoints;

/// <summary>
/// What plan and download do with a selection before anything else: item ids become the filter the analyzer's
/// recommendation would use, and a filter that selects no file is refused with the quantizations the repo has.
/// </summary>
internal static class DownloadSelection
{
    /// <summary>Expands <see cref="ValidatedDownload.Items"/>; unknown ids give the error (the list of available items).</summary>
    public static async Task<(ValidatedDownload? Download, string? Error)> ExpandItemsAsync(
        ValidatedDownload download, HubClient hub, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        if (download.Items.Count == 0)
        {
            return (download, null);
        }

        var request = download.Request;
        var analysis = await new RemoteRepoAnalyzer(hub, timeProvider)
            .AnalyzeForSelectionAsync(request.Repo, request.Type == RepoType.Dataset, request.Revision, cancellationToken);
        if (!ItemSelection.TryExpand(analysis, download.Items, out var filter, out var error))
        {
            return (null, error);
        }

        return (download with
        {
            Filter = filter,
            Request = request with { Filters = filter.Filters, Excludes = filter.Excludes, ExactMatch = filter.ExactMatch },
            Items = [],
        }, null);
    }

    /// <summary>
    /// For a download: the sentence when its filter selects nothing, else null. The listing is read even without a
    /// filter, so one HFDesk refuses (pages that loop) fails the request as plan does, before a job exists; the job
    /// then plans from the same listing (<see cref="HubTreeCache"/>). A Hub that cannot be reached is no reason to
    /// refuse: the job queues and plans when it can (api.md).
    /// </summary>
    /// <exception cref="HubException">The Hub's listing was refused.</exception>
    public static async Task<string?> FindMissAsync(ValidatedDownload download, HubClient hub, CancellationToken cancellationToken)
    {
        var request = download.Request;
        try
        {
            var info = await hub.GetRepoInfoAsync(request.Repo, request.Type, request.Revision, cancellationToken);
            var tree = await hub.GetTreeAsync(request.Repo, request.Type, info.Sha ?? request.Revision, cancellationToken);
            return download.Filter.SelectsEverything || FileSelector.Select(tree, download.Filter).Count > 0
                ? null
                : SelectionMiss.Describe(request.Repo, tree, download.Filter);
        }
        catch (HubException e) when (e.IsTransient)
        {
            return null;
        }
    }

    /// <summary>For a plan that came out empty: the same sentence, from the commit it planned.</summary>
    public static async Task<string> DescribeMissAsync(ValidatedDownload download, string commit, HubClient hub, CancellationToken cancellationToken)
    {
        var request = download.Request;
        var tree = await hub.GetTreeAsync(request.Repo, request.Type, commit, cancellationToken);
        return SelectionMiss.Describe(request.Repo, tree, download.Filter);
    }
}
