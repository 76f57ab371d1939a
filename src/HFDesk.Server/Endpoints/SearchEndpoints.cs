using HFDesk.Core.Cache;
using HFDesk.Core.Hub;

namespace HFDesk.Server.Endpoints;

internal static class SearchEndpoints
{
    public static RouteGroupBuilder MapSearchEndpoints(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        api.MapGet("/search", SearchAsync).WithName("Search");
        return api;
    }

    /// <summary>Hub errors propagate as <see cref="HubException"/> to the exception handler, which maps them (404/401/429/502/504).</summary>
    public static async Task<Results<Ok<SearchResponse>, BadRequest<ErrorEnvelope>>> SearchAsync(
        string? q,
        string? datasets,
        string? sort,
        string? limit,
        string? filter,
        string? author,
        [FromServices] HubClient hub,
        [FromServices] ILocalRepoIndex localIndex,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(localIndex);
        if (!SearchRequestValidator.TryValidate(q, datasets, sort, limit, filter, author, out var request, out var error))
        {
            return TypedResults.BadRequest(ErrorEnvelope.Create(ApiErrorCodes.BadRequest, "Invalid search request", error));
        }

        var found = await new RepoSearch(hub).FindAsync(request.Query, cancellationToken);
        var items = new List<SearchItem>(found.Count);
        foreach (var info in found)
        {
            var presence = RepoId.TryParse(info.Id, out var repo)
                ? await localIndex.GetPresenceAsync(repo, info.Type, cancellationToken)
                : LocalRepoPresence.Absent;
            items.Add(info.ToSearchItem(presence));
        }

        // RepoSearch answers a repo reference with that one repo; a text search that happens to return one item
        // whose id differs from the text is not a direct hit.
        // An id without owner ("gpt2") is no RepoId, but the Hub's search lists it: an exact id match is direct too.
        var text = q?.Trim() ?? "";
        var direct = HubRepoReference.Parse(q) is { } reference && items is [var only]
            && string.Equals(only.Id, reference.Repo.ToString(), StringComparison.OrdinalIgnoreCase)
            ? only.Id
            : text.Length > 0 && !text.Contains(' ', StringComparison.Ordinal)
                ? items.FirstOrDefault(i => string.Equals(i.Id, text, StringComparison.OrdinalIgnoreCase))?.Id
                : null;
        return TypedResults.Ok(new SearchResponse(items, items.Count, direct));
    }
}
