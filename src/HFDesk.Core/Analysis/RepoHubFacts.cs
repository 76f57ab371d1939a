using HFDesk.Core.Hub;

namespace HFDesk.Core.Analysis;

/// <summary>
/// The repo page's facts beyond its files: gating (<c>null</c>, <c>auto</c>, <c>manual</c>), visibility,
/// popularity, branches and tags for a revision picker, and the README's markdown (rendered by the caller).
/// </summary>
internal sealed record RepoHubFacts
{
    public string? Gated { get; init; }

    public bool Private { get; init; }

    public long Downloads { get; init; }

    public long Likes { get; init; }

    public DateTimeOffset? LastModified { get; init; }

    /// <summary>Null when the Hub would not list them (the analysis does not fail for it).</summary>
    public RepoRefs? Refs { get; init; }

    /// <summary>README.md as markdown, when the repo has one small enough to read.</summary>
    public string? Readme { get; init; }

    public required Uri RepoPage { get; init; }

    /// <summary>Where <c>/blob/{commit}/</c> and <c>/resolve/{commit}/</c> links of the README point.</summary>
    public required Uri HubEndpoint { get; init; }
}
