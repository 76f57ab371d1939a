using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace HFDesk.HubEmulator.Serving;

/// <summary><c>GET /api/{type}s/{id}/refs</c>.</summary>
internal static class RefsEndpoint
{
    public static async Task HandleAsync(HttpContext context, RequestLog.Entry entry, CallerKind caller, RepoFixture? repo)
    {
        if (await RepoAccess.DenyRepoAsync(context, entry, caller, repo))
        {
            return;
        }

        var revisions = repo!.Revisions;
        JsonArray Of(RevisionKind k) => [.. revisions.Where(r => r.Kind == k).Select(r => (JsonNode?)new JsonObject
        {
            ["name"] = r.Name,
            ["ref"] = r.Ref,
            ["targetCommit"] = r.Commit,
        })];

        var body = new JsonObject
        {
            ["branches"] = Of(RevisionKind.Branch),
            ["converts"] = Of(RevisionKind.Convert),
            ["tags"] = Of(RevisionKind.Tag),
        };
        if (RequestQuery.IsTrue(context.Request.Query["include_prs"]))
        {
            body["pullRequests"] = Of(RevisionKind.PullRequest);
        }

        await HubResponses.JsonAsync(context, entry, body);
    }
}
