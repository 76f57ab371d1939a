using Microsoft.AspNetCore.Http;

namespace HFDesk.HubEmulator.Serving;

/// <summary><c>GET /api/{type}s/{id}[/revision/{rev}]</c>.</summary>
internal static class RepoInfoEndpoint
{
    public static async Task HandleAsync(HttpContext context, RequestLog.Entry entry, CallerKind caller, RepoKind kind, RepoFixture? repo, string? revisionName)
    {
        if (await RepoAccess.DenyRepoAsync(context, entry, caller, repo))
        {
            return;
        }

        // JS modelInfo() without a revision asks for /revision/HEAD; Python asks without /revision.
        var revision = await RepoAccess.RevisionAsync(context, entry, repo!, revisionName ?? "HEAD");
        if (revision is null)
        {
            return;
        }

        var expand = RequestQuery.Values(context, "expand", "expand[]");
        var invalid = expand.FirstOrDefault(e => !RepoInfoJson.IsValidExpand(kind, e, repo));
        if (invalid is not null)
        {
            await HubResponses.ErrorAsync(context, entry, StatusCodes.Status400BadRequest, null,
                $"\"expand\" must be one of [{string.Join(", ", RepoInfoJson.ExpandKeys(kind).Select(k => "\"" + k + "\""))}]; got \"{invalid}\"");
            return;
        }

        var all = RepoInfoJson.Build(repo!, revision, RequestQuery.IsTrue(context.Request.Query["blobs"]));
        await HubResponses.JsonAsync(context, entry, expand.Count > 0 ? RepoInfoJson.Select(all, expand) : all);
    }
}
