namespace HFDesk.Core.HubServing;

/// <summary>
/// Upstream metadata kept for one repo (info facts, refs as last seen, trees by commit), so offline mode and an
/// unreachable Hub still answer for what was asked before. Trees at a commit never change, so they are kept as is.
/// </summary>
internal sealed record KeptRepo
{
    public bool Private { get; init; }

    public string? Gated { get; init; }

    public DateTimeOffset? CreatedAt { get; init; }

    public Dictionary<string, string> Refs { get; init; } = new(StringComparer.Ordinal);

    public Dictionary<string, KeptTree> Trees { get; init; } = new(StringComparer.Ordinal);

    public HubRepoFacts Facts => new(Private, Gated, CreatedAt);
}
