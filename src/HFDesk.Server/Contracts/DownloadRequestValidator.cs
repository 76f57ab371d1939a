using System.Diagnostics.CodeAnalysis;
using HFDesk.Core.Hub;
using HFDesk.Core.Jobs;
using HFDesk.Core.Planning;
using HFDesk.Core.Storage;

namespace HFDesk.Server.Contracts;

/// <summary>
/// The one validator for <c>POST /api/plan</c> and <c>POST /api/download</c>: repo id (with inline
/// <c>owner/name:filters</c>), revision form, and where the files go. A request-chosen <c>localDir</c> is refused
/// unless the server allows it and it lies inside an allowed root, so no job ever exists for a bad destination.
/// </summary>
internal static class DownloadRequestValidator
{
    public const string DefaultRevision = "main";

    public static bool TryValidate(
        DownloadRequestBody? body,
        StorageRoots roots,
        [NotNullWhen(true)] out ValidatedDownload? result,
        [NotNullWhen(false)] out string? error)
    {
        ArgumentNullException.ThrowIfNull(roots);
        result = null;
        if (body is null)
        {
            error = "A JSON body with at least \"repo\" is required";
            return false;
        }

        if (!FilterSpec.TryParseRepoArgument(body.Repo, out var repo, out var inlineFilters, out error))
        {
            return false;
        }

        var revision = string.IsNullOrWhiteSpace(body.Revision) ? DefaultRevision : body.Revision.Trim();
        if (!RevisionSyntax.TryValidate(revision, out error))
        {
            return false;
        }

        var filter = new FilterSpec(inlineFilters.Concat(body.Filters ?? []), body.Excludes, body.ExactMatch);
        var items = (body.Items ?? []).Where(i => !string.IsNullOrWhiteSpace(i)).Select(i => i!.Trim()).ToList();
        if (items.Count > 0 && !filter.SelectsEverything)
        {
            // Items expand to their own filters and excludes; mixing in hand-written ones would make neither mean what it says.
            error = "Send either items or filters/excludes, not both";
            return false;
        }

        JobDestination destination;
        if (!string.IsNullOrWhiteSpace(body.LocalDir))
        {
            var localDir = roots.ResolveRequestLocalDir(body.LocalDir, out error);
            if (localDir is null)
            {
                error ??= "localDir is not allowed";
                return false;
            }

            destination = new JobDestination(localDir, null, Flat: true);
        }
        else
        {
            destination = JobDestination.From(roots);
        }

        var request = new JobRequest
        {
            Repo = repo,
            Type = body.Dataset ? RepoType.Dataset : RepoType.Model,
            Revision = revision,
            Filters = filter.Filters,
            Excludes = filter.Excludes,
            ExactMatch = filter.ExactMatch,
        };
        result = new ValidatedDownload(request, filter, destination) { Items = items };
        error = null;
        return true;
    }
}
