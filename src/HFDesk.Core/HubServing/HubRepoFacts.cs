namespace HFDesk.Core.HubServing;

/// <summary>
/// What the cache cannot know by itself about a repo: whether it is private or gated upstream. Known from
/// upstream metadata HFDesk fetched and kept; <see cref="Unknown"/> for a cache nobody asked the Hub about.
/// </summary>
internal sealed record HubRepoFacts(bool Private, string? Gated, DateTimeOffset? CreatedAt = null)
{
    public static HubRepoFacts Unknown { get; } = new(false, null);

    public bool IsRestricted => Private || Gated is not null;
}
