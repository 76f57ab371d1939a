using Microsoft.AspNetCore.Http;

namespace HFDesk.HubEmulator.Serving;

/// <summary>The Hub port: API routes and file routes, parsed from the raw request target (see hub-protocol §1).</summary>
internal sealed class HubRequestHandler(FixtureStore repos, FaultPlan faults, RequestLog log, CdnBlobRegistry blobs, Func<Uri> cdnEndpoint, HubEmulatorOptions options)
{
    private const string NotFoundMessage = "Sorry, we can't find the page you are looking for.";

    private readonly SearchEndpoint _search = new(repos, options);
    private readonly FileEndpoint _files = new(faults, blobs, cdnEndpoint);

    public async Task HandleAsync(HttpContext context)
    {
        var target = RequestTarget.From(context);
        var request = context.Request;
        var entry = log.Begin(RequestOrigin.Hub, request.Method, target.RawPath, target.RawQuery, RequestQuery.Header(request, "Range"), RequestQuery.Header(request, "Authorization"));
        context.Response.OnStarting(() =>
        {
            entry.SetStatus(context.Response.StatusCode);
            return Task.CompletedTask;
        });
        try
        {
            if (await RequestFaults.ApplyAsync(context, faults, RequestOrigin.Hub, target, null, entry))
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

    private async Task RouteAsync(HttpContext context, RequestTarget target, RequestLog.Entry entry, CallerKind caller)
    {
        var segs = target.Segments;
        var method = context.Request.Method;
        var read = HttpMethods.IsGet(method) || HttpMethods.IsHead(method);

        if (segs.Length >= 2 && segs[0] == "api")
        {
            if (RepoKindNames.FromPlural(segs[1]) is { } kind)
            {
                if (segs.Length == 2 && read)
                {
                    await _search.HandleAsync(context, target, entry, caller, kind);
                    return;
                }

                var idLength = RepoIdLength(kind, segs, 2, IsApiRouteWord);
                var id = string.Join('/', segs[2..(2 + idLength)]);
                var rest = 2 + idLength;
                if (!repos.TryGet(kind, id, out var repo) && await RedirectRenamedAsync(context, target, entry, kind, id, 2, idLength))
                {
                    return;
                }
                if (rest == segs.Length && read)
                {
                    await RepoInfoEndpoint.HandleAsync(context, entry, caller, kind, repo, null);
                    return;
                }

                if (rest < segs.Length)
                {
                    switch (segs[rest])
                    {
                        case "revision" when read && rest + 1 < segs.Length:
                            await RepoInfoEndpoint.HandleAsync(context, entry, caller, kind, repo, target.Join(rest + 1));
                            return;
                        case "tree" when read && rest + 1 < segs.Length:
                            await TreeEndpoint.HandleAsync(context, target, entry, caller, repo, rest + 1, options.TreePageSize, faults);
                            return;
                        case "paths-info" when HttpMethods.IsPost(method) && rest + 1 < segs.Length:
                            await PathsInfoEndpoint.HandleAsync(context, entry, caller, repo, target.Join(rest + 1));
                            return;
                        case "refs" when read && rest + 1 == segs.Length:
                            await RefsEndpoint.HandleAsync(context, entry, caller, repo);
                            return;
                        default:
                            break;
                    }
                }
            }
            else if (segs[1] == "resolve-cache" && read && segs.Length >= 6 && RepoKindNames.FromPlural(segs[2]) is { } cacheKind)
            {
                var idLength = RepoIdLength(cacheKind, segs, 3, IsCommitId);
                var id = string.Join('/', segs[3..(3 + idLength)]);
                var revAt = 3 + idLength;
                if (revAt + 1 < segs.Length)
                {
                    repos.TryGet(cacheKind, id, out var repo);
                    await _files.HandleAsync(context, target, entry, caller, cacheKind, repo, segs[revAt], target.Join(revAt + 1), FileRouteKind.ResolveCache);
                    return;
                }
            }
            else if (segs[1] == "whoami-v2" && read)
            {
                await WhoAmIEndpoint.HandleAsync(context, entry, caller);
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
                if (!repos.TryGet(kind, id, out var repo) && await RedirectRenamedAsync(context, target, entry, kind, id, start, idLength))
                {
                    return;
                }

                var route = segs[routeAt] == "raw" ? FileRouteKind.Raw : FileRouteKind.Resolve;
                await _files.HandleAsync(context, target, entry, caller, kind, repo, segs[routeAt + 1], target.Join(routeAt + 2), route);
                return;
            }
        }

        await HubResponses.ErrorAsync(context, entry, StatusCodes.Status404NotFound, null, NotFoundMessage);
    }

    /// <summary>
    /// Ids are "ns/name" or a bare "name" (gpt2). Known repos win; otherwise the id is whatever precedes the
    /// route word (<c>resolve</c>, <c>tree</c>, …), so a missing bare-name repo still gets RepoNotFound.
    /// </summary>
    private int RepoIdLength(RepoKind kind, string[] segs, int start, Func<string, bool> isRouteWord)
    {
        if (start + 1 < segs.Length && (repos.TryGet(kind, segs[start] + "/" + segs[start + 1], out _) || repos.TryGetRename(kind, segs[start] + "/" + segs[start + 1], out _)))
        {
            return 2;
        }

        if (start < segs.Length && (repos.TryGet(kind, segs[start], out _) || repos.TryGetRename(kind, segs[start], out _)) && (start + 1 == segs.Length || isRouteWord(segs[start + 1])))
        {
            return 1;
        }

        if (start + 2 < segs.Length && isRouteWord(segs[start + 2]))
        {
            return 2;
        }

        if (start + 1 < segs.Length && isRouteWord(segs[start + 1]))
        {
            return 1;
        }

        return Math.Min(2, Math.Max(0, segs.Length - start));
    }

    private static bool IsApiRouteWord(string segment) => segment is "revision" or "tree" or "paths-info" or "refs" or "xet-read-token";

    private static bool IsCommitId(string segment) => segment.Length == 40 && segment.All(char.IsAsciiHexDigitLower);

    /// <summary>A renamed repo answers with a relative 307 to the same route under its new id, as the Hub does.</summary>
    private async Task<bool> RedirectRenamedAsync(HttpContext context, RequestTarget target, RequestLog.Entry entry, RepoKind kind, string id, int idStart, int idLength)
    {
        if (!repos.TryGetRename(kind, id, out var newId))
        {
            return false;
        }

        var raw = target.RawSegments;
        var location = "/" + string.Join('/', raw[..idStart].Concat(newId.Split('/').Select(Uri.EscapeDataString)).Concat(raw[(idStart + idLength)..]));
        if (target.RawQuery.Length > 0)
        {
            location += "?" + target.RawQuery;
        }

        context.Response.StatusCode = StatusCodes.Status307TemporaryRedirect;
        context.Response.Headers.Location = location;
        context.Response.ContentLength = 0;
        await context.Response.StartAsync(context.RequestAborted);
        return true;
    }
}
