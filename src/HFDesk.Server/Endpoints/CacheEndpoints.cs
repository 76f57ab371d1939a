using HFDesk.Core.Cache;
using HFDesk.Core.Hub;
using HFDesk.Core.Jobs;
using HFDesk.Core.Settings;
using Microsoft.Extensions.DependencyInjection;

namespace HFDesk.Server.Endpoints;

internal static class CacheEndpoints
{
    public static RouteGroupBuilder MapCacheEndpoints(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        api.MapGet("/cache", ListAsync).WithName("ListCache");
        api.MapGet("/cache/{owner}/{repo}", ShowAsync).WithName("ShowCachedRepo");
        api.MapGet("/cache/{repo}", ShowWithoutOwnerAsync).WithName("ShowCachedRepoWithoutOwner");
        api.MapPost("/cache/rebuild", RebuildAsync).WithName("RebuildCache");
        api.MapDelete("/cache/{owner}/{repo}", Delete).WithName("DeleteCachedRepo");
        api.MapDelete("/cache/{repo}", DeleteWithoutOwner).WithName("DeleteCachedRepoWithoutOwner");
        return api;
    }

    public static async Task<Results<Ok<CacheListResponse>, BadRequest<ErrorEnvelope>>> ListAsync(
        string? type,
        string? search,
        [FromServices] CacheCatalog catalog,
        [FromServices] SettingsStore settings,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(settings);
        if (!TryParseType(type, out var repoType))
        {
            return TypedResults.BadRequest(InvalidType(type));
        }

        // The browser list is what the user looks at after a change: always a fresh scan, never the badge cache.
        var scan = await catalog.GetAsync(TimeSpan.Zero, cancellationToken);
        var repos = scan.Filter(repoType, search);
        return TypedResults.Ok(repos.ToListResponse(settings.Roots));
    }

    /// <summary>A repo without an owner (<c>models--gpt2</c>).</summary>
    public static Task<Results<Ok<CacheDetailResponse>, NotFound<ErrorEnvelope>, BadRequest<ErrorEnvelope>>> ShowWithoutOwnerAsync(
        string repo,
        string? type,
        [FromServices] CacheCatalog catalog,
        CancellationToken cancellationToken) =>
        ShowAsync("", repo, type, catalog, cancellationToken);

    public static async Task<Results<Ok<CacheDetailResponse>, NotFound<ErrorEnvelope>, BadRequest<ErrorEnvelope>>> ShowAsync(
        string owner,
        string repo,
        string? type,
        [FromServices] CacheCatalog catalog,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        if (!TryParseType(type, out var repoType))
        {
            return TypedResults.BadRequest(InvalidType(type));
        }

        var kind = repoType ?? RepoType.Model;
        if (!RepoId.TryParse(owner, repo, out var id, out var error))
        {
            return TypedResults.BadRequest(ErrorEnvelope.Create(ApiErrorCodes.BadRequest, "Invalid repository id", error));
        }

        var scan = await catalog.GetAsync(TimeSpan.Zero, cancellationToken);
        var found = scan.Find(kind, id.ToString());
        if (found.Count == 0)
        {
            return TypedResults.NotFound(ErrorEnvelope.Create(ApiErrorCodes.NotFound, $"{id} ({kind.Word()}) is not in the cache"));
        }

        return TypedResults.Ok(found.ToDetail());
    }

    public static async Task<Ok<CacheRebuildResponse>> RebuildAsync(
        HttpContext context,
        [FromBody] CacheRebuildRequest? request,
        [FromServices] CacheRebuilder rebuilder,
        [FromServices] CacheCatalog catalog,
        [FromServices] SettingsStore settings,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rebuilder);
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(settings);
        var result = await rebuilder.RebuildAsync(settings.Roots, request?.Clean ?? false, cancellationToken);
        catalog.Invalidate();
        PublishCacheChanged(context, "Friendly view rebuilt", null);
        return TypedResults.Ok(result.ToResponse());
    }

    /// <summary>A repo without an owner (<c>models--gpt2</c>).</summary>
    public static Results<Ok<CacheDeleteResponse>, NotFound<ErrorEnvelope>, Conflict<ErrorEnvelope>, BadRequest<ErrorEnvelope>, JsonHttpResult<ErrorEnvelope>> DeleteWithoutOwner(
        HttpContext context,
        string repo,
        string? type,
        string? source,
        string? path,
        [FromServices] CacheDeleter deleter,
        [FromServices] CacheCatalog catalog,
        [FromServices] SettingsStore settings,
        CancellationToken cancellationToken) =>
        Delete(context, "", repo, type, source, path, deleter, catalog, settings, cancellationToken);

    public static Results<Ok<CacheDeleteResponse>, NotFound<ErrorEnvelope>, Conflict<ErrorEnvelope>, BadRequest<ErrorEnvelope>, JsonHttpResult<ErrorEnvelope>> Delete(
        HttpContext context,
        string owner,
        string repo,
        string? type,
        string? source,
        string? path,
        [FromServices] CacheDeleter deleter,
        [FromServices] CacheCatalog catalog,
        [FromServices] SettingsStore settings,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(deleter);
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(settings);
        if (!TryParseType(type, out var repoType))
        {
            return TypedResults.BadRequest(InvalidType(type));
        }

        if (!CacheCopy.TryParseSource(source, out var copySource))
        {
            return TypedResults.BadRequest(ErrorEnvelope.Create(
                ApiErrorCodes.BadRequest, "Invalid source", $"source '{source}' must be HF cache, Friendly view or Local"));
        }

        var copy = new CacheCopy(copySource, string.IsNullOrEmpty(path) ? null : path);
        var result = deleter.Delete(settings.Roots, repoType ?? RepoType.Model, owner, repo, copy, cancellationToken);
        switch (result.Outcome)
        {
            case CacheDeleteOutcome.Deleted:
                catalog.Invalidate();
                PublishCacheChanged(context, result.Message, owner.Length == 0 ? repo : $"{owner}/{repo}");
                return TypedResults.Ok(result.ToResponse());
            case CacheDeleteOutcome.Active:
            case CacheDeleteOutcome.NotOurs:
                return TypedResults.Conflict(ErrorEnvelope.Create(ApiErrorCodes.Conflict, result.Message));
            case CacheDeleteOutcome.ReadOnly:
                return TypedResults.Json(
                    ErrorEnvelope.Create(ApiErrorCodes.Forbidden, result.Message), statusCode: StatusCodes.Status403Forbidden);
            case CacheDeleteOutcome.Invalid:
                return TypedResults.BadRequest(ErrorEnvelope.Create(ApiErrorCodes.BadRequest, "Invalid delete request", result.Message));
            default:
                return TypedResults.NotFound(ErrorEnvelope.Create(ApiErrorCodes.NotFound, result.Message));
        }
    }

    public static bool TryParseType(string? text, out RepoType? type)
    {
        switch (text?.Trim().ToLowerInvariant())
        {
            case null or "":
                type = null;
                return true;
            case "model" or "models":
                type = RepoType.Model;
                return true;
            case "dataset" or "datasets":
                type = RepoType.Dataset;
                return true;
            default:
                type = null;
                return false;
        }
    }

    /// <summary>Tells WebSocket clients (other tabs, the UI's library page) to reload; absent when no jobs area is hosted.</summary>
    private static void PublishCacheChanged(HttpContext context, string message, string? repo) =>
        context.RequestServices.GetService<JobEvents>()?.Publish(new JobNotice(JobNotice.CacheChanged, message, null, repo));

    private static ErrorEnvelope InvalidType(string? type) =>
        ErrorEnvelope.Create(ApiErrorCodes.BadRequest, "Invalid type", $"type '{type}' must be model or dataset");
}
