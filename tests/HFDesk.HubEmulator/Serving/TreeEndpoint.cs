using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace HFDesk.HubEmulator.Serving;

/// <summary><c>GET /api/{type}s/{id}/tree/{rev}[/{path}]</c>.</summary>
internal static class TreeEndpoint
{
    public static async Task HandleAsync(HttpContext context, RequestTarget target, RequestLog.Entry entry, CallerKind caller, RepoFixture? repo, int revAt, int pageSize, FaultPlan faults)
    {
        if (await RepoAccess.DenyRepoAsync(context, entry, caller, repo))
        {
            return;
        }

        // The revision may arrive %2F-encoded (one segment) or with raw slashes (JS): take the longest known ref.
        var segs = target.Segments;
        FixtureRevision? revision = null;
        var pathAt = revAt + 1;
        for (var end = segs.Length; end > revAt; end--)
        {
            revision = repo!.Resolve(target.Join(revAt, end));
            if (revision is not null)
            {
                pathAt = end;
                break;
            }
        }

        if (revision is null)
        {
            await HubResponses.ErrorAsync(context, entry, StatusCodes.Status404NotFound, "RevisionNotFound", "Invalid rev id: " + segs[revAt]);
            return;
        }

        var folder = target.Join(pathAt).Trim('/');
        var recursive = RequestQuery.IsTrue(context.Request.Query["recursive"]);
        var expand = RequestQuery.IsTrue(context.Request.Query["expand"]);
        var entries = TreeJson.List(revision, folder, recursive);
        if (entries is null)
        {
            context.Response.Headers["X-Repo-Commit"] = revision.Commit;
            await HubResponses.ErrorAsync(context, entry, StatusCodes.Status404NotFound, "EntryNotFound", $"{folder} does not exist on \"{revision.Name}\"");
            return;
        }

        var offset = Pagination.DecodeCursor(context.Request.Query["cursor"]);
        pageSize = Math.Max(1, pageSize);
        var page = entries.Skip(offset).Take(pageSize);
        if (faults.Take(FaultKind.LoopingPagination, RequestOrigin.Hub, target.DecodedPath, null) is not null)
        {
            // Back to the first page, even from the last one: a listing that never ends.
            Pagination.SetNextLink(context, target, 0);
        }
        else if (offset + pageSize < entries.Count)
        {
            var elsewhere = faults.Take(FaultKind.PaginationElsewhere, RequestOrigin.Hub, target.DecodedPath, null)?.Target;
            Pagination.SetNextLink(context, target, offset + pageSize, elsewhere);
        }

        var array = new JsonArray();
        foreach (var (path, file) in page)
        {
            array.Add(file is null ? TreeJson.Directory(repo!, revision, path, expand) : TreeJson.File(repo!, revision, file, expand));
        }

        await HubResponses.JsonAsync(context, entry, array);
    }
}
