using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace HFDesk.HubEmulator.Serving;

/// <summary><c>POST /api/{type}s/{id}/paths-info/{rev}</c>.</summary>
internal static class PathsInfoEndpoint
{
    public static async Task HandleAsync(HttpContext context, RequestLog.Entry entry, CallerKind caller, RepoFixture? repo, string revisionName)
    {
        if (await RepoAccess.DenyRepoAsync(context, entry, caller, repo))
        {
            return;
        }

        var revision = await RepoAccess.RevisionAsync(context, entry, repo!, revisionName);
        if (revision is null)
        {
            return;
        }

        // JS sends JSON {"paths":[…],"expand":true}; Python sends a form paths=a&paths=b&expand=true.
        List<string> paths = [];
        var expand = false;
        if (context.Request.HasFormContentType)
        {
            var form = await context.Request.ReadFormAsync(context.RequestAborted);
            paths.AddRange(form["paths"].Where(p => p is not null).Select(p => p!));
            expand = RequestQuery.IsTrue(form["expand"]);
        }
        else
        {
            try
            {
                using var document = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
                var root = document.RootElement;
                if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("paths", out var list) && list.ValueKind == JsonValueKind.Array)
                {
                    paths.AddRange(list.EnumerateArray().Where(p => p.ValueKind == JsonValueKind.String).Select(p => p.GetString()!));
                }

                if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("expand", out var e))
                {
                    expand = e.ValueKind == JsonValueKind.True || (e.ValueKind == JsonValueKind.String && RequestQuery.IsTrue(e.GetString()));
                }
            }
            catch (JsonException)
            {
                await HubResponses.ErrorAsync(context, entry, StatusCodes.Status400BadRequest, null, "Invalid JSON body");
                return;
            }
        }

        var array = new JsonArray();
        foreach (var path in paths.Select(p => p.Trim('/')).Distinct(StringComparer.Ordinal))
        {
            if (revision.Files.TryGetValue(path, out var file))
            {
                array.Add(TreeJson.File(repo!, revision, file, expand));
            }
            else if (TreeJson.IsDirectory(revision, path))
            {
                array.Add(TreeJson.Directory(repo!, revision, path, expand));
            }
        }

        await HubResponses.JsonAsync(context, entry, array);
    }
}
