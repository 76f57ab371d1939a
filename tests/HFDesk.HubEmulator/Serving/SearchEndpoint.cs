using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace HFDesk.HubEmulator.Serving;

/// <summary><c>GET /api/models</c>, <c>/api/datasets</c>, <c>/api/spaces</c>.</summary>
internal sealed class SearchEndpoint(FixtureStore repos, HubEmulatorOptions options)
{
    public async Task HandleAsync(HttpContext context, RequestTarget target, RequestLog.Entry entry, CallerKind caller, RepoKind kind)
    {
        var query = context.Request.Query;
        var expand = RequestQuery.Values(context, "expand", "expand[]");
        var invalid = expand.FirstOrDefault(e => !RepoInfoJson.IsValidExpand(kind, e));
        if (invalid is not null)
        {
            await HubResponses.ErrorAsync(context, entry, StatusCodes.Status400BadRequest, null, $"\"expand\" value \"{invalid}\" is not allowed");
            return;
        }

        IEnumerable<RepoFixture> found = repos.All.Where(r => r.Kind == kind && (!r.IsPrivate || caller == CallerKind.Owner) && !r.IsDisabled);
        foreach (var text in RequestQuery.Values(context, "search").Where(s => s.Length > 0))
        {
            found = found.Where(r => r.Id.Contains(text, StringComparison.OrdinalIgnoreCase));
        }

        foreach (var filter in RequestQuery.Values(context, "filter").SelectMany(f => f.Split(',', StringSplitOptions.RemoveEmptyEntries)))
        {
            found = found.Where(r => r.Tags.Contains(filter, StringComparer.OrdinalIgnoreCase) || string.Equals(r.LibraryName, filter, StringComparison.OrdinalIgnoreCase) || string.Equals(r.PipelineTag, filter, StringComparison.OrdinalIgnoreCase));
        }

        if (query["author"].ToString() is { Length: > 0 } author)
        {
            found = found.Where(r => string.Equals(r.Owner, author, StringComparison.OrdinalIgnoreCase));
        }

        if (query["pipeline_tag"].ToString() is { Length: > 0 } pipeline)
        {
            found = found.Where(r => string.Equals(r.PipelineTag, pipeline, StringComparison.Ordinal));
        }

        if (query["gated"].ToString() is { Length: > 0 } gated)
        {
            var wantGated = RequestQuery.IsTrue(gated);
            found = found.Where(r => (r.GatedMode is not null) == wantGated);
        }

        // Results are descending (Python no longer sends direction; old docs mention direction=-1).
        var sort = query["sort"].ToString();
        Func<RepoFixture, IComparable> key = sort switch
        {
            "downloads" => r => r.Downloads,
            "likes" => r => r.Likes,
            "lastModified" => r => r.LastModified,
            "createdAt" => r => r.CreatedAt,
            _ => r => r.TrendingScore,
        };
        var ordered = query["direction"].ToString() == "1"
            ? found.OrderBy(key).ThenBy(r => r.Id, StringComparer.Ordinal).ToList()
            : found.OrderByDescending(key).ThenBy(r => r.Id, StringComparer.Ordinal).ToList();

        var pageSize = int.TryParse(query["limit"], NumberStyles.None, CultureInfo.InvariantCulture, out var limit) && limit > 0
            ? Math.Min(limit, options.SearchPageSize)
            : options.SearchPageSize;
        var offset = Pagination.DecodeCursor(query["cursor"]);
        if (offset + pageSize < ordered.Count)
        {
            Pagination.SetNextLink(context, target, offset + pageSize);
        }

        var full = RequestQuery.IsTrue(query["full"]);
        var keys = expand.Count > 0 ? expand : [.. RepoInfoJson.SearchKeys(kind, full)];
        if (expand.Count == 0 && RequestQuery.IsTrue(query["cardData"]))
        {
            keys.Add("cardData");
        }

        if (expand.Count == 0 && RequestQuery.IsTrue(query["config"]))
        {
            keys.Add("config");
        }

        var array = new JsonArray();
        foreach (var repo in ordered.Skip(offset).Take(pageSize))
        {
            array.Add(RepoInfoJson.Select(RepoInfoJson.Build(repo, repo.Revisions[0], detailedSiblings: false), keys));
        }

        await HubResponses.JsonAsync(context, entry, array);
    }
}
