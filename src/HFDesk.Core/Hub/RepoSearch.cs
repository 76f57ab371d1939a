namespace HFDesk.Core.Hub;

/// <summary>
/// Search as a user means it: a pasted Hub URL or <c>owner/name</c> finds that repo; anything else is a Hub
/// search. Shared by <c>/api/search</c> and <c>hfdesk search</c> so both answer the same.
/// </summary>
internal sealed class RepoSearch(HubClient client)
{
    /// <exception cref="FormatException">The text is a URL that names no model or dataset.</exception>
    public async Task<IReadOnlyList<RepoInfo>> FindAsync(HubSearchQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (HubRepoReference.Parse(query.Search) is { } reference)
        {
            try
            {
                var info = await client.GetRepoInfoAsync(reference.Repo, reference.Type ?? query.Type, revision: null, cancellationToken);
                return [info];
            }
            catch (HubException ex) when (!reference.FromUrl && ex.Kind == HubErrorKind.NotFound)
            {
                // "owner/name" typed into a search box may be a partial name: search for it as text instead.
            }
        }

        return await client.SearchAsync(query, cancellationToken);
    }
}
