using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using HFDesk.Core.Hub;
using HFDesk.Core.HubServing;

namespace HFDesk.Server.HubServing;

/// <summary>
/// One <c>/hub</c> request: who asks, which route, what the cache holds, and the Hub's answer for it
/// (hub-protocol §1–2, §7). Errors always carry <c>X-Error-Code</c> where the Hub sends one.
/// </summary>
internal sealed class HubRequestHandler(HubEndpointConfiguration configuration, HubRepoSource source, HubEndpointStats stats)
{
    private const string NotFoundMessage = "Sorry, we can't find the page you are looking for.";

    public async Task HandleAsync(HttpContext context)
    {
        var settings = configuration.Current;
        if (!settings.Enabled)
        {
            await HubResponses.ErrorAsync(context, StatusCodes.Status404NotFound, null, "The hub endpoint is disabled on this HFDesk server.");
            return;
        }

        stats.Request();
        var caller = HubAccessPolicy.Identify(context.Request.Headers.Authorization.ToString(), settings, configuration.LoopbackOnly);
        if (caller == HubCaller.Rejected)
        {
            stats.Rejected();
            context.Response.Headers.WWWAuthenticate = "Bearer realm=\"HFDesk hub\"";
            await HubResponses.ErrorAsync(context, StatusCodes.Status401Unauthorized, null, "Invalid credentials in Authorization header");
            return;
        }

        var (rawPath, rawQuery) = HubRoute.RawTarget(context);
        var route = HubRoute.Parse(rawPath, context.Request.Method);
        if (route.IsUnknown)
        {
            await HubResponses.ErrorAsync(context, StatusCodes.Status404NotFound, null, NotFoundMessage);
            return;
        }

        try
        {
            await RouteAsync(context, route, rawPath, rawQuery, caller, settings);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away: nothing left to answer.
        }
        catch (IOException) when (context.RequestAborted.IsCancellationRequested)
        {
        }
    }

    private async Task RouteAsync(HttpContext context, HubRoute route, string rawPath, string rawQuery, HubCaller caller, Core.Settings.HubEndpointSettings settings)
    {
        var ct = context.RequestAborted;
        var lookup = await source.FindAsync(route.Type, route.Id, UpstreamRevision(route), settings, ct);
        if (lookup.Unreachable && lookup.Repo is null)
        {
            await UpstreamTimeoutAsync(context);
            return;
        }

        var repo = lookup.Repo;
        var facts = lookup.Facts;
        // A private repo is invisible (RepoNotFound) to whoever may not see it, as on the Hub; a gated one shows its
        // info and tree and refuses only file contents.
        if (repo is null || (facts.Private && !HubAccessPolicy.MayServeRestricted(caller, settings, route.Id, lookup.UpstreamAccess)))
        {
            var status = caller == HubCaller.Anonymous ? StatusCodes.Status401Unauthorized : StatusCodes.Status404NotFound;
            await HubResponses.ErrorAsync(context, status, "RepoNotFound", "Repository not found");
            return;
        }

        switch (route.Kind)
        {
            case HubRouteKind.RepoInfo:
                await RepoInfoAsync(context, route, repo, facts);
                return;
            case HubRouteKind.Refs:
                await HubResponses.JsonAsync(context, HubJson.Refs(repo, IsTrue(context.Request.Query["include_prs"])));
                return;
            case HubRouteKind.Tree:
                await TreeAsync(context, route, repo, rawPath, rawQuery);
                return;
            case HubRouteKind.PathsInfo:
                await PathsInfoAsync(context, route, repo);
                return;
            default:
                await FileAsync(context, route, lookup, caller, settings);
                return;
        }
    }

    private static async Task RepoInfoAsync(HttpContext context, HubRoute route, ServedRepo repo, HubRepoFacts facts)
    {
        // JS modelInfo() without a revision asks for /revision/HEAD; Python asks without /revision.
        var revision = await RevisionAsync(context, repo, route.Revision ?? "HEAD");
        if (revision is null)
        {
            return;
        }

        var expand = Values(context.Request.Query, "expand", "expand[]");
        if (HubJson.InvalidExpand(route.Type, expand) is { } invalid)
        {
            await HubResponses.ErrorAsync(context, StatusCodes.Status400BadRequest, null,
                $"\"expand\" must be one of [{string.Join(", ", HubJson.ExpandKeys(route.Type).Select(k => "\"" + k + "\""))}]; got \"{invalid}\"");
            return;
        }

        await HubResponses.JsonAsync(context, HubJson.RepoInfo(repo, revision, facts, expand, IsTrue(context.Request.Query["blobs"])));
    }

    private async Task TreeAsync(HttpContext context, HubRoute route, ServedRepo repo, string rawPath, string rawQuery)
    {
        // The revision may come %2F-encoded (one segment) or with raw slashes (JS): take the longest known one.
        var segs = route.TreeSegments;
        ServedRevision? revision = null;
        var pathAt = 1;
        for (var end = segs.Length; end > 0 && revision is null; end--)
        {
            revision = repo.Resolve(string.Join('/', segs[..end]));
            pathAt = end;
        }

        if (revision is null)
        {
            await HubResponses.ErrorAsync(context, StatusCodes.Status404NotFound, "RevisionNotFound", "Invalid rev id: " + segs[0]);
            return;
        }

        var folder = string.Join('/', segs[pathAt..]).Trim('/');
        var entries = ServedTree.List(revision, folder, IsTrue(context.Request.Query["recursive"]));
        if (entries is null)
        {
            context.Response.Headers["X-Repo-Commit"] = revision.Commit;
            await HubResponses.ErrorAsync(context, StatusCodes.Status404NotFound, "EntryNotFound", $"{folder} does not exist on \"{segs[0]}\"");
            return;
        }

        var expand = IsTrue(context.Request.Query["expand"]);
        var pageSize = Math.Max(1, configuration.TreePageSize);
        var offset = DecodeCursor(context.Request.Query["cursor"]);
        if (offset + pageSize < entries.Count)
        {
            // JS parses Link with /<(https?:[/][/][^>]*)>;\s+rel="([^"]*)"/: absolute URL and a space after ';'.
            var cursor = Uri.EscapeDataString(Convert.ToBase64String(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"o:{offset + pageSize}"))));
            var query = string.Join('&', rawQuery.Split('&', StringSplitOptions.RemoveEmptyEntries).Where(p => !p.StartsWith("cursor=", StringComparison.Ordinal)).Append("cursor=" + cursor));
            context.Response.Headers.Link = $"<{context.Request.Scheme}://{context.Request.Host}{HubRoute.Prefix}{rawPath}?{query}>; rel=\"next\"";
        }

        var array = new JsonArray();
        foreach (var entry in entries.Skip(offset).Take(pageSize))
        {
            array.Add(entry.File is { } file ? HubJson.File(file, revision, expand) : HubJson.Directory(revision, entry.Path, expand));
        }

        await HubResponses.JsonAsync(context, array);
    }

    private static async Task PathsInfoAsync(HttpContext context, HubRoute route, ServedRepo repo)
    {
        var revision = await RevisionAsync(context, repo, route.Revision!);
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
            expand = IsTrue(form["expand"]);
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
                    expand = e.ValueKind == JsonValueKind.True || (e.ValueKind == JsonValueKind.String && IsTrue(e.GetString()));
                }
            }
            catch (JsonException)
            {
                await HubResponses.ErrorAsync(context, StatusCodes.Status400BadRequest, null, "Invalid JSON body");
                return;
            }
        }

        // Missing paths are silently left out, as the Hub does.
        var array = new JsonArray();
        foreach (var path in paths.Select(p => p.Trim('/')).Distinct(StringComparer.Ordinal))
        {
            if (revision.Files.TryGetValue(path, out var file))
            {
                array.Add(HubJson.File(file, revision, expand));
            }
            else if (revision.IsDirectory(path))
            {
                array.Add(HubJson.Directory(revision, path, expand));
            }
        }

        await HubResponses.JsonAsync(context, array);
    }

    private async Task FileAsync(HttpContext context, HubRoute route, HubRepoLookup lookup, HubCaller caller, Core.Settings.HubEndpointSettings settings)
    {
        var repo = lookup.Repo!;
        var revision = await RevisionAsync(context, repo, route.Revision!);
        if (revision is null)
        {
            return;
        }

        // Every resolve answer carries the commit, even EntryNotFound: Python then writes .no_exist/{C}/{path}.
        context.Response.Headers["X-Repo-Commit"] = revision.Commit;
        var access = lookup.UpstreamAccess;
        if (lookup.Facts.Gated is not null && access == true)
        {
            // Gated info is readable without access upstream; only a file request says whether HFDesk's token was granted.
            access = await source.HasFileAccessAsync(route.Type, route.Id, revision.Commit, route.Path, context.RequestAborted);
        }

        if (lookup.Facts.Gated is not null && !HubAccessPolicy.MayServeRestricted(caller, settings, route.Id, access))
        {
            var word = route.Type.Word();
            var url = "https://huggingface.co/" + route.Type.UrlPrefix() + route.Id;
            if (caller == HubCaller.Anonymous)
            {
                await HubResponses.ErrorAsync(context, StatusCodes.Status401Unauthorized, "GatedRepo",
                    $"Access to {word} {route.Id} is restricted. You must have access to it and be authenticated to access it. Please log in.");
            }
            else
            {
                await HubResponses.ErrorAsync(context, StatusCodes.Status403Forbidden, "GatedRepo",
                    $"Access to {word} {route.Id} is restricted and you are not in the authorized list. Visit {url} to ask for access.");
            }

            return;
        }

        if (!revision.Files.TryGetValue(route.Path, out var file))
        {
            await HubResponses.ErrorAsync(context, StatusCodes.Status404NotFound, "EntryNotFound", "Entry not found");
            return;
        }

        var raw = route.Kind == HubRouteKind.Raw;
        if (file.IsOnDisk || (raw && file.IsLfs) || HttpMethods.IsHead(context.Request.Method))
        {
            // HEAD of a file not yet here answers from metadata at once: clients time out on a HEAD that waits for a fill.
            if (file.IsOnDisk)
            {
                stats.CacheHit();
            }

            stats.Served(await HubFileSender.SendAsync(context, file, revision.Commit, raw, stats));
            return;
        }

        if (lookup.Unreachable || source.Fill(route.Type, route.Id, revision, file, settings, context.Connection.RemoteIpAddress?.ToString()) is not { } fill)
        {
            await UpstreamTimeoutAsync(context);
            return;
        }

        stats.Served(await HubFileSender.SendAsync(context, file, revision.Commit, raw, stats, fill));
    }

    /// <summary>
    /// The revision to ask upstream about. A raw-slash tree revision is ambiguous (<c>refs/pr/1/sub</c>): a
    /// <c>refs/…</c> one spans three segments, others one; the local match of the longest ref still decides the answer.
    /// </summary>
    private static string? UpstreamRevision(HubRoute route) => route.Kind switch
    {
        HubRouteKind.Tree when route.TreeSegments is ["refs", _, _, ..] => string.Join('/', route.TreeSegments[..3]),
        HubRouteKind.Tree => route.TreeSegments[0],
        _ => route.Revision,
    };

    private static async Task<ServedRevision?> RevisionAsync(HttpContext context, ServedRepo repo, string revision)
    {
        var resolved = repo.Resolve(revision);
        if (resolved is null)
        {
            await HubResponses.ErrorAsync(context, StatusCodes.Status404NotFound, "RevisionNotFound", "Invalid rev id: " + revision);
        }

        return resolved;
    }

    // Never 401 for "upstream unreachable" (olah #62): clients would ask for a login that cannot help.
    private static Task UpstreamTimeoutAsync(HttpContext context) =>
        HubResponses.ErrorAsync(context, StatusCodes.Status504GatewayTimeout, null, "The upstream Hub did not answer and this is not in the local cache.");

    private static bool IsTrue(string? value) => value is not null && (value.Equals("true", StringComparison.OrdinalIgnoreCase) || value == "1");

    private static List<string> Values(IQueryCollection query, params string[] names) =>
        [.. names.SelectMany(n => query.TryGetValue(n, out var v) ? v.Where(s => s is not null).Select(s => s!) : [])];

    private static int DecodeCursor(string? cursor)
    {
        if (string.IsNullOrEmpty(cursor))
        {
            return 0;
        }

        try
        {
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(cursor));
            return text.StartsWith("o:", StringComparison.Ordinal) && int.TryParse(text[2..], NumberStyles.None, CultureInfo.InvariantCulture, out var offset) ? offset : 0;
        }
        catch (FormatException)
        {
            return 0;
        }
    }
}
