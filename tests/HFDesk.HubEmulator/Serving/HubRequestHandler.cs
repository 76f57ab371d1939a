using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace HFDesk.HubEmulator.Serving;

/// <summary>The Hub port: API routes and file routes, parsed from the raw request target (see hub-protocol §1).</summary>
internal sealed class HubRequestHandler(FixtureStore repos, FaultPlan faults, RequestLog log, CdnBlobRegistry blobs, Func<Uri> cdnEndpoint, HubEmulatorOptions options)
{
    private const string NotFoundMessage = "Sorry, we can't find the page you are looking for.";

    public async Task HandleAsync(HttpContext context)
    {
        var target = RequestTarget.From(context);
        var request = context.Request;
        var entry = log.Begin(RequestOrigin.Hub, request.Method, target.RawPath, target.RawQuery, Header(request, "Range"), Header(request, "Authorization"));
        context.Response.OnStarting(() =>
        {
            entry.SetStatus(context.Response.StatusCode);
            return Task.CompletedTask;
        });
        try
        {
            if (await RequestFaults.ApplyAsync(context, faults, RequestOrigin.Hub, target.DecodedPath, null, entry))
            {
                return;
            }

            var caller = CallerIdentity.Identify(request);
            if (caller == CallerKind.Invalid)
            {
                await HubResponses.ErrorAsync(context, entry, StatusCodes.Status401Unauthorized, null, "Invalid credentials in Authorization header");
                return;
            }

            await RouteAsync(context, target, entry, caller);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away (or a fault dropped the connection): nothing left to answer.
        }
        catch (IOException) when (context.RequestAborted.IsCancellationRequested)
        {
        }
        finally
        {
            entry.Complete(context.Response.StatusCode);
        }
    }

    internal static string? Header(HttpRequest request, string name) =>
        request.Headers.TryGetValue(name, out var value) ? value.ToString() : null;

    private static bool IsTrue(string? value) => value is not null && (value.Equals("true", StringComparison.OrdinalIgnoreCase) || value == "1");

    private static RepoKind? KindOfPlural(string segment) => segment switch
    {
        "models" => RepoKind.Model,
        "datasets" => RepoKind.Dataset,
        "spaces" => RepoKind.Space,
        _ => null,
    };

    private static string Plural(RepoKind kind) => kind switch
    {
        RepoKind.Dataset => "datasets",
        RepoKind.Space => "spaces",
        _ => "models",
    };

    private static string Word(RepoKind kind) => kind.ToString().ToLowerInvariant();

    private static string EscapePath(string path) => string.Join('/', path.Split('/').Select(Uri.EscapeDataString));

    private async Task RouteAsync(HttpContext context, RequestTarget target, RequestLog.Entry entry, CallerKind caller)
    {
        var segs = target.Segments;
        var method = context.Request.Method;
        var read = HttpMethods.IsGet(method) || HttpMethods.IsHead(method);

        if (segs.Length >= 2 && segs[0] == "api")
        {
            if (KindOfPlural(segs[1]) is { } kind)
            {
                if (segs.Length == 2 && read)
                {
                    await SearchAsync(context, target, entry, caller, kind);
                    return;
                }

                var idLength = RepoIdLength(kind, segs, 2, _ => true);
                var id = string.Join('/', segs[2..(2 + idLength)]);
                var rest = 2 + idLength;
                repos.TryGet(kind, id, out var repo);
                if (rest == segs.Length && read)
                {
                    await InfoAsync(context, entry, caller, kind, id, repo, null);
                    return;
                }

                if (rest < segs.Length)
                {
                    switch (segs[rest])
                    {
                        case "revision" when read && rest + 1 < segs.Length:
                            await InfoAsync(context, entry, caller, kind, id, repo, target.Join(rest + 1));
                            return;
                        case "tree" when read && rest + 1 < segs.Length:
                            await TreeAsync(context, target, entry, caller, kind, id, repo, rest + 1);
                            return;
                        case "paths-info" when HttpMethods.IsPost(method) && rest + 1 < segs.Length:
                            await PathsInfoAsync(context, entry, caller, kind, id, repo, target.Join(rest + 1));
                            return;
                        case "refs" when read && rest + 1 == segs.Length:
                            await RefsAsync(context, entry, caller, kind, id, repo);
                            return;
                        default:
                            break;
                    }
                }
            }
            else if (segs[1] == "resolve-cache" && read && segs.Length >= 6 && KindOfPlural(segs[2]) is { } cacheKind)
            {
                var idLength = RepoIdLength(cacheKind, segs, 3, _ => true);
                var id = string.Join('/', segs[3..(3 + idLength)]);
                var revAt = 3 + idLength;
                if (revAt + 1 < segs.Length)
                {
                    repos.TryGet(cacheKind, id, out var repo);
                    await ResolveAsync(context, target, entry, caller, cacheKind, id, repo, segs[revAt], target.Join(revAt + 1), FileRoute.ResolveCache);
                    return;
                }
            }
            else if (segs[1] == "whoami-v2" && read)
            {
                await WhoAmIAsync(context, entry, caller);
                return;
            }
        }
        else if (read && segs.Length >= 1)
        {
            var kind = segs[0] switch
            {
                "datasets" => RepoKind.Dataset,
                "spaces" => RepoKind.Space,
                _ => RepoKind.Model,
            };
            var start = kind == RepoKind.Model ? 0 : 1;
            var idLength = RepoIdLength(kind, segs, start, next => next is "resolve" or "raw");
            var routeAt = start + idLength;
            if (routeAt + 2 < segs.Length && segs[routeAt] is "resolve" or "raw")
            {
                var id = string.Join('/', segs[start..routeAt]);
                repos.TryGet(kind, id, out var repo);
                var route = segs[routeAt] == "raw" ? FileRoute.Raw : FileRoute.Resolve;
                await ResolveAsync(context, target, entry, caller, kind, id, repo, segs[routeAt + 1], target.Join(routeAt + 2), route);
                return;
            }
        }

        await HubResponses.ErrorAsync(context, entry, StatusCodes.Status404NotFound, null, NotFoundMessage);
    }

    /// <summary>
    /// Ids are "ns/name" or a bare "name" (gpt2): use one segment only when that names a known repo and the
    /// two-segment reading does not.
    /// </summary>
    private int RepoIdLength(RepoKind kind, string[] segs, int start, Func<string, bool> followsOneSegmentId)
    {
        if (start + 1 < segs.Length && repos.TryGet(kind, segs[start] + "/" + segs[start + 1], out _))
        {
            return 2;
        }

        if (start < segs.Length && repos.TryGet(kind, segs[start], out _) && (start + 1 == segs.Length || followsOneSegmentId(segs[start + 1])))
        {
            return 1;
        }

        return start + 1 < segs.Length ? 2 : Math.Max(0, segs.Length - start);
    }

    /// <summary>Private repos and missing repos look the same (hub-protocol §2 table).</summary>
    private static async Task<bool> DenyRepoAsync(HttpContext context, RequestLog.Entry entry, CallerKind caller, RepoFixture? repo)
    {
        if (repo is null || (repo.IsPrivate && caller != CallerKind.Owner))
        {
            var status = caller == CallerKind.Anonymous ? StatusCodes.Status401Unauthorized : StatusCodes.Status404NotFound;
            await HubResponses.ErrorAsync(context, entry, status, "RepoNotFound", "Repository not found");
            return true;
        }

        if (repo.IsDisabled)
        {
            await HubResponses.ErrorAsync(context, entry, StatusCodes.Status403Forbidden, null, "Access to this resource is disabled.");
            return true;
        }

        return false;
    }

    private static async Task<FixtureRevision?> RevisionAsync(HttpContext context, RequestLog.Entry entry, RepoFixture repo, string revision)
    {
        var resolved = repo.Resolve(revision);
        if (resolved is null)
        {
            await HubResponses.ErrorAsync(context, entry, StatusCodes.Status404NotFound, "RevisionNotFound", "Invalid rev id: " + revision);
        }

        return resolved;
    }

    private static List<string> QueryValues(HttpContext context, params string[] names) =>
        [.. names.SelectMany(n => context.Request.Query.TryGetValue(n, out var v) ? v.Where(s => s is not null).Select(s => s!) : [])];

    private static async Task InfoAsync(HttpContext context, RequestLog.Entry entry, CallerKind caller, RepoKind kind, string id, RepoFixture? repo, string? revisionName)
    {
        if (await DenyRepoAsync(context, entry, caller, repo))
        {
            return;
        }

        // JS modelInfo() without a revision asks for /revision/HEAD; Python asks without /revision.
        var revision = await RevisionAsync(context, entry, repo!, revisionName ?? "HEAD");
        if (revision is null)
        {
            return;
        }

        var expand = QueryValues(context, "expand", "expand[]");
        var invalid = expand.FirstOrDefault(e => !RepoInfoJson.IsValidExpand(kind, e, repo));
        if (invalid is not null)
        {
            await HubResponses.ErrorAsync(context, entry, StatusCodes.Status400BadRequest, null,
                $"\"expand\" must be one of [{string.Join(", ", RepoInfoJson.ExpandKeys(kind).Select(k => "\"" + k + "\""))}]; got \"{invalid}\"");
            return;
        }

        var all = RepoInfoJson.Build(repo!, revision, IsTrue(context.Request.Query["blobs"]));
        await HubResponses.JsonAsync(context, entry, expand.Count > 0 ? RepoInfoJson.Select(all, expand) : all);
    }

    private async Task TreeAsync(HttpContext context, RequestTarget target, RequestLog.Entry entry, CallerKind caller, RepoKind kind, string id, RepoFixture? repo, int revAt)
    {
        if (await DenyRepoAsync(context, entry, caller, repo))
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
        var recursive = IsTrue(context.Request.Query["recursive"]);
        var expand = IsTrue(context.Request.Query["expand"]);
        var entries = TreeJson.List(revision, folder, recursive);
        if (entries is null)
        {
            context.Response.Headers["X-Repo-Commit"] = revision.Commit;
            await HubResponses.ErrorAsync(context, entry, StatusCodes.Status404NotFound, "EntryNotFound", $"{folder} does not exist on \"{revision.Name}\"");
            return;
        }

        var offset = DecodeCursor(context.Request.Query["cursor"]);
        var pageSize = Math.Max(1, options.TreePageSize);
        var page = entries.Skip(offset).Take(pageSize);
        if (offset + pageSize < entries.Count)
        {
            SetNextLink(context, target, offset + pageSize);
        }

        var array = new JsonArray();
        foreach (var (path, file) in page)
        {
            array.Add(file is null ? TreeJson.Directory(repo!, revision, path, expand) : TreeJson.File(repo!, revision, file, expand));
        }

        await HubResponses.JsonAsync(context, entry, array);
    }

    private static int DecodeCursor(string? cursor)
    {
        if (string.IsNullOrEmpty(cursor))
        {
            return 0;
        }

        try
        {
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(Uri.UnescapeDataString(cursor)));
            return text.StartsWith("o:", StringComparison.Ordinal) && int.TryParse(text[2..], NumberStyles.None, CultureInfo.InvariantCulture, out var offset) ? offset : 0;
        }
        catch (FormatException)
        {
            return 0;
        }
    }

    // JS parses Link with /<(https?:[/][/][^>]*)>;\s+rel="([^"]*)"/: absolute URL and a space after ';'.
    private static void SetNextLink(HttpContext context, RequestTarget target, int offset)
    {
        var cursor = Uri.EscapeDataString(Convert.ToBase64String(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"o:{offset}"))));
        var query = string.Join('&', target.RawQuery.Split('&', StringSplitOptions.RemoveEmptyEntries).Where(p => !p.StartsWith("cursor=", StringComparison.Ordinal)).Append("cursor=" + cursor));
        var url = $"{context.Request.Scheme}://{context.Request.Host}{target.RawPath}?{query}";
        context.Response.Headers.Link = $"<{url}>; rel=\"next\"";
    }

    private static async Task PathsInfoAsync(HttpContext context, RequestLog.Entry entry, CallerKind caller, RepoKind kind, string id, RepoFixture? repo, string revisionName)
    {
        if (await DenyRepoAsync(context, entry, caller, repo))
        {
            return;
        }

        var revision = await RevisionAsync(context, entry, repo!, revisionName);
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

    private static async Task RefsAsync(HttpContext context, RequestLog.Entry entry, CallerKind caller, RepoKind kind, string id, RepoFixture? repo)
    {
        if (await DenyRepoAsync(context, entry, caller, repo))
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
        if (IsTrue(context.Request.Query["include_prs"]))
        {
            body["pullRequests"] = Of(RevisionKind.PullRequest);
        }

        await HubResponses.JsonAsync(context, entry, body);
    }

    private async Task SearchAsync(HttpContext context, RequestTarget target, RequestLog.Entry entry, CallerKind caller, RepoKind kind)
    {
        var query = context.Request.Query;
        var expand = QueryValues(context, "expand", "expand[]");
        var invalid = expand.FirstOrDefault(e => !RepoInfoJson.IsValidExpand(kind, e));
        if (invalid is not null)
        {
            await HubResponses.ErrorAsync(context, entry, StatusCodes.Status400BadRequest, null, $"\"expand\" value \"{invalid}\" is not allowed");
            return;
        }

        IEnumerable<RepoFixture> found = repos.All.Where(r => r.Kind == kind && (!r.IsPrivate || caller == CallerKind.Owner) && !r.IsDisabled);
        foreach (var text in QueryValues(context, "search").Where(s => s.Length > 0))
        {
            found = found.Where(r => r.Id.Contains(text, StringComparison.OrdinalIgnoreCase));
        }

        foreach (var filter in QueryValues(context, "filter").SelectMany(f => f.Split(',', StringSplitOptions.RemoveEmptyEntries)))
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
            var wantGated = IsTrue(gated);
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
        var offset = DecodeCursor(query["cursor"]);
        if (offset + pageSize < ordered.Count)
        {
            SetNextLink(context, target, offset + pageSize);
        }

        var full = IsTrue(query["full"]);
        var keys = expand.Count > 0 ? expand : [.. RepoInfoJson.SearchKeys(kind, full)];
        if (expand.Count == 0 && IsTrue(query["cardData"]))
        {
            keys.Add("cardData");
        }

        if (expand.Count == 0 && IsTrue(query["config"]))
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

    private static async Task WhoAmIAsync(HttpContext context, RequestLog.Entry entry, CallerKind caller)
    {
        var name = caller switch
        {
            CallerKind.Owner => HubEmulatorTokens.ValidUserName,
            CallerKind.NotGranted => HubEmulatorTokens.NotGrantedUserName,
            CallerKind.OtherUser => HubEmulatorTokens.OtherUserName,
            _ => null,
        };
        if (name is null)
        {
            await HubResponses.ErrorAsync(context, entry, StatusCodes.Status401Unauthorized, null, "Invalid username or password.");
            return;
        }

        await HubResponses.JsonAsync(context, entry, new JsonObject
        {
            ["type"] = "user",
            ["id"] = Convert.ToHexStringLower(Encoding.UTF8.GetBytes(name))[..24].PadRight(24, '0'),
            ["name"] = name,
            ["fullname"] = name,
            ["isPro"] = false,
            ["orgs"] = new JsonArray(),
            ["auth"] = new JsonObject { ["type"] = "access_token", ["accessToken"] = new JsonObject { ["displayName"] = "emulator", ["role"] = "read" } },
        });
    }

    private async Task ResolveAsync(HttpContext context, RequestTarget target, RequestLog.Entry entry, CallerKind caller, RepoKind kind, string id, RepoFixture? repo, string revisionName, string path, FileRoute route)
    {
        entry.FilePath = path;
        if (await DenyRepoAsync(context, entry, caller, repo))
        {
            return;
        }

        var revision = await RevisionAsync(context, entry, repo!, revisionName);
        if (revision is null)
        {
            return;
        }

        var response = context.Response;
        // Every resolve answer carries the commit, even EntryNotFound: Python then writes .no_exist/{C}/{path}.
        response.Headers["X-Repo-Commit"] = revision.Commit;
        if (repo!.GatedMode is not null && caller != CallerKind.Owner)
        {
            var word = Word(kind);
            var url = "https://huggingface.co/" + (kind == RepoKind.Model ? "" : Plural(kind) + "/") + repo.Id;
            if (caller == CallerKind.Anonymous)
            {
                await HubResponses.ErrorAsync(context, entry, StatusCodes.Status401Unauthorized, "GatedRepo",
                    $"Access to {word} {repo.Id} is restricted. You must have access to it and be authenticated to access it. Please log in.");
            }
            else
            {
                await HubResponses.ErrorAsync(context, entry, StatusCodes.Status403Forbidden, "GatedRepo",
                    $"Access to {word} {repo.Id} is restricted and you are not in the authorized list. Visit {url} to ask for access.");
            }

            return;
        }

        if (!revision.Files.TryGetValue(path, out var file))
        {
            await HubResponses.ErrorAsync(context, entry, StatusCodes.Status404NotFound, "EntryNotFound", "Entry not found");
            return;
        }

        if (route == FileRoute.Raw || !file.IsLfs)
        {
            var etag = "\"" + file.GitOid + "\"";
            response.Headers.ETag = etag;
            if (route == FileRoute.Resolve && faults.Take(FaultKind.RelativeRedirect, RequestOrigin.Hub, target.DecodedPath, path) is not null)
            {
                // Since 2025 the Hub answers regular files with a relative 307; Python's HEAD follows only
                // relative redirects and reads the final response's headers.
                response.StatusCode = StatusCodes.Status307TemporaryRedirect;
                response.Headers.Location = $"/api/resolve-cache/{Plural(kind)}/{repo.Id}/{revision.Commit}/{EscapePath(path)}?etag={Uri.EscapeDataString(etag)}";
                response.ContentLength = 0;
                return;
            }

            response.ContentType = "text/plain; charset=utf-8";
            await ByteResponder.ServeAsync(context, entry, faults, RequestOrigin.Hub, target.DecodedPath, path, file.Raw);
            return;
        }

        blobs.Register(file);
        var sha = file.Sha256;
        var cdn = cdnEndpoint();
        var fileName = path[(path.LastIndexOf('/') + 1)..];
        response.StatusCode = StatusCodes.Status302Found;
        response.ContentType = "text/plain; charset=utf-8";
        response.Headers.Location = $"{cdn.Scheme}://{cdn.Authority}/repos/{sha[..2]}/{sha[2..4]}/{sha}?response-content-disposition={Uri.EscapeDataString("inline; filename=\"" + fileName + "\"")}&X-Amz-Expires=3600";
        response.Headers.ETag = "\"" + sha + "\"";
        response.Headers["X-Linked-Etag"] = "\"" + sha + "\"";
        response.Headers["X-Linked-Size"] = file.Size.ToString(CultureInfo.InvariantCulture);
        response.Headers.AcceptRanges = "bytes";
        response.ContentLength = 0;
    }

    private enum FileRoute
    {
        Resolve,
        Raw,
        ResolveCache,
    }
}
